"""Staff pages for micro-webinars: schedule and publish, preview the credit each rule would
award, show attendance checks, import attendance reports and resolve who was who, credit
(and its revocation), recording and follow-up; and the CE credit programs. Authors edit;
admins also publish, cancel, revoke credit and change programs (as in the catalog)."""
