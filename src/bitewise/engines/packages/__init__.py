"""A micro-credential as a package an LMS imports: SCORM 1.2, SCORM 2004 (4th edition) or
cmi5 (pure: plain values in, zip bytes out)."""
