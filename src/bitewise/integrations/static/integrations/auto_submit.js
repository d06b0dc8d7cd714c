// Sends a form marked data-auto-submit at once (the button stays for browsers without script).
document.querySelectorAll("form[data-auto-submit]").forEach((form) => form.submit());
