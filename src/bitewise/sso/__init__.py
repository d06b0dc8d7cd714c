"""Single sign-on with the association's identity providers: OpenID Connect (Authlib) and
SAML 2.0 (pysaml2 with xmlsec1). Other apps read what providers said through ``claims``."""
