// The LMS side of the test: scorm-again's runtime, as an LMS page would set it up.
if (window.Scorm12API) { window.API = new window.Scorm12API({ logLevel: 5 }); }
if (window.Scorm2004API) { window.API_1484_11 = new window.Scorm2004API({ logLevel: 5 }); }
