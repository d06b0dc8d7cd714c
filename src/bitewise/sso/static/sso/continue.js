// Send the identity provider's answer on from this site, so the session cookie goes with it.
document.querySelectorAll("form[data-autosubmit]").forEach((form) => form.submit());
