// Single sign-on hand-offs that need no click: the identity provider's answer is posted on
// from this site (so the session cookie goes with it), and logging out goes on to the
// provider's sign-out page.
document.querySelectorAll("form[data-autosubmit]").forEach((form) => form.submit());
document.querySelectorAll("a[data-autofollow]").forEach((link) => window.location.assign(link.href));
