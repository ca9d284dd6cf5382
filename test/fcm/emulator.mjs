// An emulator of FCM's HTTP v1 API and of Google's OAuth2 token endpoint, for the notification
// module's push tests, answering as Google documents them:
//   POST /token   the JWT bearer grant (RFC 7523) of a service account, as
//                 https://developers.google.com/identity/protocols/oauth2/service-account#httprest
//                 describes it. The assertion's RS256 signature is verified by the jose library with
//                 the public key of the test's key pair, and its claims: iss the account's email, aud
//                 this endpoint, scope firebase.messaging, iat/exp an hour apart and current.
//   POST /v1/projects/{project}/messages:send   with a token it issued; the errors of
//                 https://firebase.google.com/docs/reference/fcm/rest/v1/ErrorCode by device token:
//                 a token it was told is unregistered (or starting "unregistered")   404 UNREGISTERED
//                 a token starting "malformed"                                       400 INVALID_ARGUMENT (message.token)
//                 a token starting "mismatched"                                      403 SENDER_ID_MISMATCH
// Test-only routes under /_emulator: state (grants, refusals, messages), revoke the tokens issued,
// the tokens' lifetime, failures on demand (429, 500, 503), a token unregistered.
//   PORT, FCM_PUBLIC_KEY (PEM, SPKI), FCM_CLIENT_EMAIL, FCM_PROJECT_ID come from the environment.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { importSPKI, jwtVerify, decodeProtectedHeader } from 'jose';

const port = Number(process.env.PORT ?? 12112);
const clientEmail = process.env.FCM_CLIENT_EMAIL ?? 'agora@agora-test.iam.gserviceaccount.com';
const projectId = process.env.FCM_PROJECT_ID ?? 'agora-test';
const tokenUri = `http://127.0.0.1:${port}/token`;
const scope = 'https://www.googleapis.com/auth/firebase.messaging';
const publicKey = await importSPKI(process.env.FCM_PUBLIC_KEY ?? '', 'RS256');

const state = {
  exchanges: 0,    // access tokens issued
  grants: [],      // the header and claims of each assertion taken
  refused: [],     // why an assertion was refused
  sends: 0,        // messages:send requests, whatever their answer
  unauthenticated: 0,
  messages: [],    // the messages accepted: { name, token, notification, data }
};
const issued = new Map();  // access token -> { revoked }
const unregistered = new Set();
let expiresIn = 3599;
let failing = { count: 0, status: 503 };

function answer(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

// An error as Google's APIs answer it: https://cloud.google.com/apis/design/errors
function googleError(res, code, status, message, details = []) {
  answer(res, code, { error: { code, message, status, details } });
}

const fcmError = (errorCode) => ({ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode });

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function token(req, res) {
  const form = new URLSearchParams(await readBody(req));
  const refuse = (error, description) => {
    state.refused.push(description);
    answer(res, 400, { error, error_description: description });
  };
  if (req.headers['content-type'] !== 'application/x-www-form-urlencoded')
    return refuse('invalid_request', `Content-Type is ${req.headers['content-type']}`);
  if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
    return refuse('unsupported_grant_type', `Invalid grant_type: ${form.get('grant_type')}`);
  const assertion = form.get('assertion') ?? '';
  let verified;
  try {
    verified = await jwtVerify(assertion, publicKey, {
      algorithms: ['RS256'],
      issuer: clientEmail,
      audience: tokenUri,
      maxTokenAge: '1h',
      clockTolerance: 30,
      requiredClaims: ['iat', 'exp'],
    });
  } catch (e) {
    return refuse('invalid_grant', `${e.code ?? 'ERR'}: ${e.message}`);
  }
  const claims = verified.payload;
  if (claims.scope !== scope) return refuse('invalid_scope', `scope is ${claims.scope}`);
  if (claims.exp - claims.iat > 3600) return refuse('invalid_grant', 'Invalid JWT: exp is more than an hour after iat');
  state.grants.push({ header: decodeProtectedHeader(assertion), claims });
  state.exchanges += 1;
  const accessToken = `ya29.${randomBytes(24).toString('base64url')}`;
  issued.set(accessToken, { revoked: false });
  answer(res, 200, { access_token: accessToken, expires_in: expiresIn, token_type: 'Bearer' });
}

async function send(req, res, project) {
  const body = await readBody(req);
  state.sends += 1;
  const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
  const access = issued.get(bearer);
  if (!access || access.revoked) {
    state.unauthenticated += 1;
    return googleError(res, 401, 'UNAUTHENTICATED',
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
  }
  if (project !== projectId)
    return googleError(res, 403, 'PERMISSION_DENIED', `Permission 'cloudmessaging.messages.create' denied on resource '//cloudresourcemanager.googleapis.com/projects/${project}'`);
  if (failing.count > 0) {
    failing.count -= 1;
    const [status, errorCode] = { 429: ['RESOURCE_EXHAUSTED', 'QUOTA_EXCEEDED'], 500: ['INTERNAL', 'INTERNAL'] }[failing.status] ??
      ['UNAVAILABLE', 'UNAVAILABLE'];
    return googleError(res, failing.status, status, 'The service is currently unavailable.', [fcmError(errorCode)]);
  }
  let message;
  try {
    message = JSON.parse(body).message;
  } catch {
    return googleError(res, 400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.');
  }
  const violation = (field, description) => googleError(res, 400, 'INVALID_ARGUMENT', description, [
    fcmError('INVALID_ARGUMENT'),
    { '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field, description }] },
  ]);
  const token = message?.token;
  if (typeof token !== 'string' || token.startsWith('malformed') || !/^[A-Za-z0-9_:.-]+$/.test(token))
    return violation('message.token', 'The registration token is not a valid FCM registration token');
  const { title, body: text } = message.notification ?? {};
  if (typeof title !== 'string' || typeof text !== 'string')
    return violation('message.notification', 'Invalid notification: title and body must be strings');
  const data = message.data ?? {};
  if (Object.values(data).some((v) => typeof v !== 'string'))
    return violation('message.data', 'Invalid value at \'message.data\': the values must be strings');
  if (unregistered.has(token) || token.startsWith('unregistered'))
    return googleError(res, 404, 'NOT_FOUND', 'Requested entity was not found.', [fcmError('UNREGISTERED')]);
  if (token.startsWith('mismatched'))
    return googleError(res, 403, 'PERMISSION_DENIED', 'SenderId mismatch', [fcmError('SENDER_ID_MISMATCH')]);
  const name = `projects/${project}/messages/0:${Date.now()}%${randomBytes(8).toString('hex')}`;
  state.messages.push({ name, token, notification: { title, body: text }, data });
  answer(res, 200, { name });
}

async function emulator(req, res, path) {
  const body = req.method === 'POST' ? JSON.parse((await readBody(req)) || '{}') : {};
  if (req.method === 'GET' && path === '/_emulator/state') return answer(res, 200, state);
  if (req.method === 'POST' && path === '/_emulator/revoke') {
    for (const t of issued.values()) t.revoked = true;
    return answer(res, 200, {});
  }
  if (req.method === 'POST' && path === '/_emulator/expires_in') {
    expiresIn = body.expires_in;
    return answer(res, 200, {});
  }
  if (req.method === 'POST' && path === '/_emulator/fail') {
    failing = { count: body.count ?? 1, status: body.status ?? 503 };
    return answer(res, 200, {});
  }
  if (req.method === 'POST' && path === '/_emulator/unregister') {
    unregistered.add(body.token);
    return answer(res, 200, {});
  }
  answer(res, 404, { error: 'no such emulator route' });
}

const server = http.createServer(async (req, res) => {
  try {
    const path = new URL(req.url, 'http://localhost').pathname;
    const sendPath = path.match(/^\/v1\/projects\/([^/]+)\/messages:send$/);
    if (path.startsWith('/_emulator/')) return await emulator(req, res, path);
    if (req.method === 'POST' && path === '/token') return await token(req, res);
    if (req.method === 'POST' && sendPath) return await send(req, res, decodeURIComponent(sendPath[1]));
    googleError(res, 404, 'NOT_FOUND', `${req.method} ${path} is not found`);
  } catch (e) {
    googleError(res, 500, 'INTERNAL', String(e));
  }
});
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
