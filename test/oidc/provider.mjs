// A real OpenID Provider for the user module's tests: panva's oidc-provider on a loopback port.
// It signs JWT access tokens (RFC 9068) with a fresh RS256 key per start (restarting it is how
// a test rotates the provider's key) and publishes the public key at /jwks.
//
// Tokens are obtained with a test-only grant, urn:agora:test:account, standing in for a login at
// the provider: the client names the account, its email and its roles. Everything after that
// (the access token model, the resource indicator audience, the signing and the key set) is the
// provider's own code.
//
//   PORT=4000 KID=key-1 node provider.mjs
//   curl -d grant_type=urn:agora:test:account -d client_id=agora-tests -d client_secret=test-secret \
//        -d account=zoe -d email=zoe@idp.example -d roles=catalog_manager \
//        -d resource=https://api.agora.test http://127.0.0.1:4000/token
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const kid = process.env.KID ?? randomUUID();
const issuer = `http://127.0.0.1:${port}`;
const grantType = 'urn:agora:test:account';

// What the provider knows of the API a token is for (its resource indicator): JWT access tokens
// for it, signed RS256, living five minutes.
const resourceServer = (resource) => ({
  scope: 'api',
  audience: resource,
  accessTokenTTL: 300,
  accessTokenFormat: 'jwt',
  jwt: { sign: { alg: 'RS256' } },
});

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'agora-tests',
    client_secret: 'test-secret',
    grant_types: [grantType],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  jwks: { keys: [signingKey] },
  features: {
    devInteractions: { enabled: false },
    resourceIndicators: {
      enabled: true,
      getResourceServerInfo: (ctx, resource) => resourceServer(resource),
    },
  },
  // The claims Keycloak puts in its access tokens, which agora reads.
  extraTokenClaims: (ctx, token) => {
    const { params } = ctx.oidc;
    if (token.gty !== grantType) return undefined;
    return {
      email: params.email,
      email_verified: params.email_verified !== 'false',
      name: params.account,
      realm_access: { roles: params.roles ? params.roles.split(',') : [] },
    };
  },
});

provider.registerGrantType(grantType, async (ctx) => {
  const { client, params } = ctx.oidc;
  if (!params.account) {
    ctx.status = 400;
    ctx.body = { error: 'invalid_request', error_description: 'account is required' };
    return;
  }
  const resource = params.resource ?? 'https://api.agora.test';
  const token = new provider.AccessToken({ accountId: params.account, client, gty: grantType, scope: 'api' });
  token.resourceServer = new provider.ResourceServer(resource, resourceServer(resource));
  ctx.body = {
    access_token: await token.save(),
    token_type: 'Bearer',
    expires_in: token.expiration,
    scope: token.scope,
  };
}, ['account', 'email', 'email_verified', 'roles', 'resource']);

provider.listen(port, '127.0.0.1', () => console.log(`oidc-provider ${issuer} kid ${kid} ready`));
