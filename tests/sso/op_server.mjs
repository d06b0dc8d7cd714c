// The OpenID Provider the single sign-on tests sign in through: node-oidc-provider (an
// OpenID Certified implementation) on 127.0.0.1, configured from the JSON file named on the
// command line: {port, issuer, jwks, clients, accounts: {login: {claims}}}; a login name is
// the account's subject.
// Its development log-in form takes an account's login name with any password.
import fs from 'node:fs';
import Provider from 'oidc-provider';

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));

const provider = new Provider(config.issuer, {
  clients: config.clients,
  jwks: config.jwks,
  cookies: { keys: ['bitewise-test-op-cookies'] },
  scopes: ['openid', 'email', 'profile', 'membership'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
    membership: ['membership_status', 'membership_tier', 'membership_expires'],
  },
  // Every claim the scopes allow goes in the ID token, not only in the userinfo answer.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  ttl: { IdToken: 600 }, // ten minutes, as providers commonly set it
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  async findAccount(ctx, id) {
    const account = config.accounts[id];
    if (!account) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...account.claims }) };
  },
  // First-party clients: consent is taken as given, so the browser sees the log-in form only.
  async loadExistingGrant(ctx) {
    const { oidc } = ctx;
    const grantId = oidc.result?.consent?.grantId || oidc.session.grantIdFor(oidc.client.clientId);
    if (grantId) return oidc.provider.Grant.find(grantId);
    const grant = new oidc.provider.Grant({
      clientId: oidc.client.clientId, accountId: oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile membership');
    await grant.save();
    return grant;
  },
});

provider.listen(config.port, '127.0.0.1', () => {
  process.stdout.write(`listening ${config.issuer}\n`);
});
