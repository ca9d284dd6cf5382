// A PayPal REST API emulator for the payment module's tests, answering as PayPal's API reference
// documents it: OAuth2 client-credentials tokens (POST /v1/oauth2/token), Orders v2 with intent
// AUTHORIZE (made, read, approved by the buyer, authorized), the authorization's capture and void, the
// capture's refund, and the verification of webhooks (POST /v1/notifications/verify-webhook-signature).
// Idempotent by PayPal-Request-Id: a 2xx answer is kept for its id and replayed to a repeat.
// Each change records the event PayPal would send. Sent by the emulator (to a URL, or handed to the
// test), an event goes with PayPal's transmission headers, and verify-webhook-signature answers
// SUCCESS only for a delivery the emulator made, with its headers and event unchanged.
// Test-only routes under /_emulator: state and counts per order (by our order id, the custom_id),
// failures and hangs on demand, tokens expired, the buyer's approval (or cancel, or a decline to
// come), a pending capture denied, the events recorded and their sending.
//   PORT, PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET, PAYPAL_WEBHOOK_ID come from the environment.
import http from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';

const port = Number(process.env.PORT ?? 12112);
const clientId = process.env.PAYPAL_CLIENT_ID ?? 'client_emulator';
const clientSecret = process.env.PAYPAL_CLIENT_SECRET ?? 'secret_emulator';
const webhookId = process.env.PAYPAL_WEBHOOK_ID ?? 'WH-EMULATOR';
const tokenLifetime = 32400; // seconds, as PayPal issues them
const base = `http://127.0.0.1:${port}`;

// https://developer.paypal.com/reference/currency-codes/: PayPal takes these, the first three in whole units.
const wholeUnits = ['HUF', 'JPY', 'TWD'];
const currencies = [...wholeUnits, 'AUD', 'BRL', 'CAD', 'CNY', 'CZK', 'DKK', 'EUR', 'HKD', 'ILS', 'MYR', 'MXN', 'NZD', 'NOK', 'PHP', 'PLN', 'GBP', 'SGD', 'SEK', 'CHF', 'THB', 'USD'];

const tokens = new Map(); // access token -> expiry (ms since the epoch)
const orders = new Map();
const authorizations = new Map();
const captures = new Map();
const events = [];
const deliveries = new Map(); // transmission id -> what was sent
const stored = new Map(); // PayPal-Request-Id -> { status, body }
const requestsById = {};
const totals = newCounts();
const byOrder = {};
const paypalOrderOf = {}; // our order id (custom_id) -> PayPal's order id
let tokensIssued = 0;
let verifications = 0;
let failing = { count: 0, status: 500 };
let hanging = 0;
let pendingCaptures = 0;
const withheld = []; // answers withheld (hangs), ended when the emulator stops

function newCounts() {
  return { orders_created: 0, authorized: 0, captured: 0, voided: 0, refunded: 0, amount_captured: 0, amount_refunded: 0 };
}

function count(customId, what, amount) {
  byOrder[customId ?? ''] ??= newCounts();
  for (const c of [totals, byOrder[customId ?? '']]) {
    c[what] += 1;
    if (what === 'captured') c.amount_captured += amount;
    if (what === 'refunded') c.amount_refunded += amount;
  }
}

const alphanumeric = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const id = (length = 17) => [...randomBytes(length)].map((b) => alphanumeric[b % alphanumeric.length]).join('');
const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const copy = (o) => JSON.parse(JSON.stringify(o));
const link = (href, rel, method = 'GET') => ({ href, rel, method });

class PayPalError {
  constructor(status, body) {
    this.status = status;
    this.body = { ...body, debug_id: randomBytes(6).toString('hex') };
  }
}

const unprocessable = (issue, description) =>
  new PayPalError(422, {
    name: 'UNPROCESSABLE_ENTITY',
    message: 'The requested action could not be performed, semantically incorrect, or failed business validation.',
    details: [{ issue, description }],
  });
const invalidRequest = (issue, description, field) =>
  new PayPalError(400, {
    name: 'INVALID_REQUEST',
    message: 'Request is not well-formed, syntactically incorrect, or violates schema.',
    details: [{ field, location: 'body', issue, description }],
  });
const notFound = () =>
  new PayPalError(404, {
    name: 'RESOURCE_NOT_FOUND',
    message: 'The specified resource does not exist.',
    details: [{ issue: 'INVALID_RESOURCE_ID', description: 'Specified resource ID does not exist. Please check the resource ID and try again.' }],
  });

// An amount's value in minor units, checked as PayPal checks it.
function minorUnits(amount, field) {
  const currency = amount?.currency_code;
  if (!currencies.includes(currency)) throw unprocessable('CURRENCY_NOT_SUPPORTED', 'Currency code is not currently supported.');
  const digits = wholeUnits.includes(currency) ? 0 : 2;
  const value = String(amount.value ?? '');
  if (!/^\d+(\.\d+)?$/.test(value)) throw invalidRequest('INVALID_PARAMETER_VALUE', 'The value of a field is invalid.', field);
  const [whole, decimals = ''] = value.split('.');
  if (digits === 0 && decimals) throw unprocessable('DECIMALS_NOT_SUPPORTED', 'Currency does not support decimals.');
  if (decimals.length > digits)
    throw unprocessable('DECIMAL_PRECISION', 'If the currency supports decimals, only two decimal place precision is supported.');
  return Number(whole) * 10 ** digits + Number(decimals.padEnd(digits, '0') || 0);
}

function valueOf(minor, currency) {
  const digits = wholeUnits.includes(currency) ? 0 : 2;
  return digits === 0 ? String(minor) : `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}

function record(type, resourceType, resource, summary) {
  events.push({
    id: `WH-${id()}-${id()}`,
    create_time: now(),
    resource_type: resourceType,
    event_type: type,
    summary,
    resource: copy(resource),
    links: [link(`https://api.paypal.com/v1/notifications/webhooks-events/${id()}`, 'self')],
    event_version: '1.0',
    resource_version: '2.0',
  });
}

function createOrder(p) {
  if (p.intent !== 'AUTHORIZE') throw invalidRequest('INVALID_PARAMETER_VALUE', 'The emulator makes orders with intent AUTHORIZE only.', '/intent');
  const unit = p.purchase_units?.[0];
  if (!unit || p.purchase_units.length !== 1) throw invalidRequest('MISSING_REQUIRED_PARAMETER', 'A required field / parameter is missing.', '/purchase_units');
  const minor = minorUnits(unit.amount, '/purchase_units/@reference_id==default/amount/value');
  const experience = p.payment_source?.paypal?.experience_context ?? p.application_context;
  if (!experience?.return_url || !experience?.cancel_url)
    throw invalidRequest('MISSING_REQUIRED_PARAMETER', 'The emulator needs a return_url and a cancel_url.', '/payment_source/paypal/experience_context');
  const orderId = id();
  // With a payment_source PayPal asks for the payer's action; with the older application_context the order is CREATED.
  const withSource = p.payment_source !== undefined;
  const order = {
    id: orderId,
    intent: 'AUTHORIZE',
    status: withSource ? 'PAYER_ACTION_REQUIRED' : 'CREATED',
    ...(withSource ? { payment_source: { paypal: {} } } : {}),
    purchase_units: [{ reference_id: unit.reference_id ?? 'default', custom_id: unit.custom_id, amount: unit.amount, payee: { merchant_id: 'EMULATORMERCH' } }],
    create_time: now(),
    links: [
      link(`${base}/v2/checkout/orders/${orderId}`, 'self'),
      link(`${base}/_emulator/checkoutnow?token=${orderId}`, withSource ? 'payer-action' : 'approve'),
    ],
  };
  orders.set(orderId, { order, minor, experience, decline: null });
  paypalOrderOf[unit.custom_id ?? ''] = orderId;
  count(unit.custom_id, 'orders_created');
  return [201, order];
}

function authorizeOrder(orderId) {
  const held = orders.get(orderId);
  if (!held) throw notFound();
  const { order } = held;
  if (order.status === 'COMPLETED')
    throw unprocessable('ORDER_ALREADY_AUTHORIZED', "Order already authorized. If 'intent=AUTHORIZE' only one authorization per order is allowed.");
  if (order.status !== 'APPROVED')
    throw unprocessable(
      'ORDER_NOT_APPROVED',
      "Payer has not yet approved the Order for payment. Please redirect the payer to the 'rel':'approve' url returned as part of the HATEOAS links within the Create Order call or provide a valid payment_source in the request.",
    );
  if (held.decline)
    throw unprocessable(held.decline, "The instrument presented was either declined by the processor or bank, or it can't be used for this payment.");
  const unit = order.purchase_units[0];
  const authorizationId = id();
  const authorization = {
    id: authorizationId,
    status: 'CREATED',
    amount: unit.amount,
    custom_id: unit.custom_id,
    seller_protection: { status: 'ELIGIBLE', dispute_categories: ['ITEM_NOT_RECEIVED', 'UNAUTHORIZED_TRANSACTION'] },
    supplementary_data: { related_ids: { order_id: orderId } },
    expiration_time: new Date(Date.now() + 29 * 86400_000).toISOString(),
    create_time: now(),
    update_time: now(),
    links: [
      link(`${base}/v2/payments/authorizations/${authorizationId}`, 'self'),
      link(`${base}/v2/payments/authorizations/${authorizationId}/capture`, 'capture', 'POST'),
      link(`${base}/v2/payments/authorizations/${authorizationId}/void`, 'void', 'POST'),
      link(`${base}/v2/checkout/orders/${orderId}`, 'up'),
    ],
  };
  authorizations.set(authorizationId, { authorization, minor: held.minor });
  order.status = 'COMPLETED';
  unit.payments = { authorizations: [authorization] };
  count(unit.custom_id, 'authorized');
  record('PAYMENT.AUTHORIZATION.CREATED', 'authorization', authorization, `Payment authorization for ${unit.amount.value} ${unit.amount.currency_code}`);
  return [201, order];
}

function capture(authorizationId, p) {
  const held = authorizations.get(authorizationId);
  if (!held) throw notFound();
  const { authorization } = held;
  if (authorization.status === 'VOIDED') throw unprocessable('AUTHORIZATION_VOIDED', 'A voided authorization cannot be captured or reauthorized.');
  if (authorization.status === 'CAPTURED') throw unprocessable('AUTHORIZATION_ALREADY_CAPTURED', 'Authorization has already been captured.');
  const minor = p.amount ? minorUnits(p.amount, '/amount/value') : held.minor;
  if (minor > held.minor) throw unprocessable('MAX_CAPTURE_AMOUNT_EXCEEDED', 'Capture amount exceeds allowable limit.');
  const currency = authorization.amount.currency_code;
  const amount = { currency_code: currency, value: valueOf(minor, currency) };
  const pending = pendingCaptures > 0;
  if (pending) pendingCaptures -= 1;
  const captureId = id();
  const made = {
    id: captureId,
    status: pending ? 'PENDING' : 'COMPLETED',
    ...(pending ? { status_details: { reason: 'PENDING_REVIEW' } } : {}),
    amount,
    final_capture: p.final_capture ?? true,
    custom_id: authorization.custom_id,
    seller_protection: authorization.seller_protection,
    seller_receivable_breakdown: { gross_amount: amount, paypal_fee: { currency_code: currency, value: valueOf(0, currency) }, net_amount: amount },
    supplementary_data: { related_ids: { order_id: authorization.supplementary_data.related_ids.order_id, authorization_id: authorizationId } },
    create_time: now(),
    update_time: now(),
    links: [
      link(`${base}/v2/payments/captures/${captureId}`, 'self'),
      link(`${base}/v2/payments/captures/${captureId}/refund`, 'refund', 'POST'),
      link(`${base}/v2/payments/authorizations/${authorizationId}`, 'up'),
    ],
  };
  captures.set(captureId, { capture: made, minor, refunded: 0 });
  authorization.status = 'CAPTURED';
  count(authorization.custom_id, 'captured', minor);
  record(pending ? 'PAYMENT.CAPTURE.PENDING' : 'PAYMENT.CAPTURE.COMPLETED', 'capture', made, `Payment capture for ${amount.value} ${currency}`);
  return [201, made];
}

function voidAuthorization(authorizationId, representation) {
  const held = authorizations.get(authorizationId);
  if (!held) throw notFound();
  const { authorization } = held;
  if (authorization.status === 'CAPTURED') throw unprocessable('PREVIOUSLY_CAPTURED', 'Authorization has been previously captured and hence cannot be voided.');
  if (authorization.status === 'VOIDED') throw unprocessable('PREVIOUSLY_VOIDED', 'Authorization has been previously voided and hence cannot be voided again.');
  authorization.status = 'VOIDED';
  authorization.update_time = now();
  count(authorization.custom_id, 'voided');
  record('PAYMENT.AUTHORIZATION.VOIDED', 'authorization', authorization, 'A payment authorization was voided');
  return representation ? [200, authorization] : [204, null];
}

function refund(captureId, p) {
  const held = captures.get(captureId);
  if (!held) throw notFound();
  const { capture: captured } = held;
  if (captured.status === 'REFUNDED') throw unprocessable('CAPTURE_FULLY_REFUNDED', 'The capture has already been fully refunded.');
  if (captured.status !== 'COMPLETED' && captured.status !== 'PARTIALLY_REFUNDED')
    throw unprocessable('REFUND_NOT_ALLOWED', 'Full refund refused - partial refund has already been done on this payment.');
  const currency = captured.amount.currency_code;
  const minor = p.amount ? minorUnits(p.amount, '/amount/value') : held.minor - held.refunded;
  if (minor > held.minor - held.refunded) throw unprocessable('REFUND_AMOUNT_EXCEEDED', 'The refund amount must be less than or equal to the capture amount that has not yet been refunded.');
  held.refunded += minor;
  captured.status = held.refunded === held.minor ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  const amount = { currency_code: currency, value: valueOf(minor, currency) };
  const refundId = id();
  const made = {
    id: refundId,
    status: 'COMPLETED',
    amount,
    ...(p.custom_id ? { custom_id: p.custom_id } : {}),
    seller_payable_breakdown: {
      gross_amount: amount,
      paypal_fee: { currency_code: currency, value: valueOf(0, currency) },
      net_amount: amount,
      total_refunded_amount: { currency_code: currency, value: valueOf(held.refunded, currency) },
    },
    create_time: now(),
    update_time: now(),
    links: [link(`${base}/v2/payments/refunds/${refundId}`, 'self'), link(`${base}/v2/payments/captures/${captureId}`, 'up')],
  };
  count(captured.custom_id, 'refunded', minor);
  record('PAYMENT.CAPTURE.REFUNDED', 'refund', made, `A ${amount.value} ${currency} capture payment was refunded`);
  return [201, made];
}

// PayPal's own check of a delivery: SUCCESS only for one the emulator sent, unchanged.
function verify(p) {
  const required = ['auth_algo', 'cert_url', 'transmission_id', 'transmission_sig', 'transmission_time', 'webhook_id', 'webhook_event'];
  const missing = required.find((name) => p[name] === undefined || p[name] === '');
  if (missing)
    throw new PayPalError(400, { name: 'VALIDATION_ERROR', message: 'Invalid request - see details', details: [{ field: missing, issue: 'Required field cannot be blank' }] });
  verifications += 1;
  const sent = deliveries.get(p.transmission_id);
  const verified =
    sent !== undefined &&
    p.webhook_id === webhookId &&
    p.auth_algo === sent.auth_algo &&
    p.cert_url === sent.cert_url &&
    p.transmission_sig === sent.transmission_sig &&
    p.transmission_time === sent.transmission_time &&
    JSON.stringify(p.webhook_event) === JSON.stringify(JSON.parse(sent.payload));
  return [200, { verification_status: verified ? 'SUCCESS' : 'FAILURE' }];
}

function showOrder(orderId) {
  const held = orders.get(orderId);
  if (!held) throw notFound();
  return [200, held.order];
}

function route(method, path, p, representation) {
  let m;
  if (method === 'GET' && (m = /^\/v2\/checkout\/orders\/([^/]+)$/.exec(path))) return showOrder(m[1]);
  if (method !== 'POST') throw notFound();
  if (path === '/v2/checkout/orders') return createOrder(p);
  if ((m = /^\/v2\/checkout\/orders\/([^/]+)\/authorize$/.exec(path))) return authorizeOrder(m[1]);
  if ((m = /^\/v2\/payments\/authorizations\/([^/]+)\/capture$/.exec(path))) return capture(m[1], p);
  if ((m = /^\/v2\/payments\/authorizations\/([^/]+)\/void$/.exec(path))) return voidAuthorization(m[1], representation);
  if ((m = /^\/v2\/payments\/captures\/([^/]+)\/refund$/.exec(path))) return refund(m[1], p);
  if (path === '/v1/notifications/verify-webhook-signature') return verify(p);
  throw notFound();
}

function answer(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Paypal-Debug-Id': randomBytes(6).toString('hex'), ...headers });
  res.end(body === null ? undefined : JSON.stringify(body));
}

function issueToken(req, res, body) {
  const [scheme, credentials] = (req.headers.authorization ?? '').split(' ');
  if (scheme !== 'Basic' || Buffer.from(credentials ?? '', 'base64').toString() !== `${clientId}:${clientSecret}`)
    return answer(res, 401, { error: 'invalid_client', error_description: 'Client Authentication failed' });
  if (new URLSearchParams(body).get('grant_type') !== 'client_credentials')
    return answer(res, 400, { error: 'unsupported_grant_type', error_description: 'Grant Type is NULL' });
  const token = `A21AA${randomBytes(24).toString('hex')}`;
  tokens.set(token, Date.now() + tokenLifetime * 1000);
  tokensIssued += 1;
  return answer(res, 200, {
    scope: 'https://uri.paypal.com/services/payments/payment/authcapture https://uri.paypal.com/services/payments/refund',
    access_token: token,
    token_type: 'Bearer',
    app_id: 'APP-80W284485P519543T',
    expires_in: tokenLifetime,
    nonce: `${now()}${randomBytes(8).toString('hex')}`,
  });
}

// The API as PayPal answers it: failures on demand first (as an outage before PayPal's servers,
// nothing done and nothing kept), then the token, the idempotency layer and the endpoint.
function api(req, res, body) {
  const requestId = req.headers['paypal-request-id'];
  if (requestId) requestsById[requestId] = (requestsById[requestId] ?? 0) + 1;
  if (failing.count > 0) {
    failing.count -= 1;
    return answer(res, failing.status, { name: 'INTERNAL_SERVER_ERROR', message: 'An internal server error occurred (emulated).' });
  }
  const [scheme, token] = (req.headers.authorization ?? '').split(' ');
  if (scheme !== 'Bearer' || !(tokens.get(token) > Date.now()))
    return answer(res, 401, {
      name: 'AUTHENTICATION_FAILURE',
      message: 'Authentication failed due to invalid authentication credentials or a missing Authorization header.',
      links: [link('https://developer.paypal.com/docs/api/overview/#error', 'information_link')],
    });
  const send = (status, payload) => {
    if (hanging > 0) {
      hanging -= 1;
      withheld.push(res); // done and kept, but the caller never hears of it
      return;
    }
    answer(res, status, payload);
  };
  if (requestId && stored.has(requestId)) {
    const first = stored.get(requestId);
    return send(first.status, first.body);
  }
  let status;
  let payload;
  try {
    if (body && !(req.headers['content-type'] ?? '').startsWith('application/json'))
      throw invalidRequest('INVALID_PARAMETER_SYNTAX', 'PayPal reads JSON bodies.', '/');
    let p = {};
    try {
      p = body ? JSON.parse(body) : {};
    } catch {
      throw new PayPalError(400, { name: 'INVALID_REQUEST', message: 'Request is not well-formed, syntactically incorrect, or violates schema.', details: [{ issue: 'MALFORMED_REQUEST_JSON' }] });
    }
    const path = new URL(req.url, base).pathname;
    [status, payload] = route(req.method, path, p, (req.headers.prefer ?? '').includes('return=representation'));
  } catch (e) {
    if (!(e instanceof PayPalError)) throw e;
    [status, payload] = [e.status, e.body];
  }
  if (requestId && status >= 200 && status < 300) stored.set(requestId, { status, body: payload === null ? null : copy(payload) });
  send(status, payload);
}

// The event sent as PayPal sends a delivery, with transmission headers the emulator remembers for
// verify-webhook-signature; posted to `url` when one is given.
async function sendEvent(eventId, { url }) {
  const event = events.find((e) => e.id === eventId);
  if (!event) return [404, { error: `no event ${eventId}` }];
  const payload = JSON.stringify(event);
  const headers = {
    'PAYPAL-TRANSMISSION-ID': randomUUID(),
    'PAYPAL-TRANSMISSION-TIME': now(),
    'PAYPAL-TRANSMISSION-SIG': randomBytes(256).toString('base64'),
    'PAYPAL-CERT-URL': `https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-${randomBytes(4).toString('hex')}`,
    'PAYPAL-AUTH-ALGO': 'SHA256withRSA',
  };
  deliveries.set(headers['PAYPAL-TRANSMISSION-ID'], {
    auth_algo: headers['PAYPAL-AUTH-ALGO'],
    cert_url: headers['PAYPAL-CERT-URL'],
    transmission_sig: headers['PAYPAL-TRANSMISSION-SIG'],
    transmission_time: headers['PAYPAL-TRANSMISSION-TIME'],
    payload,
  });
  const out = { id: event.id, payload, headers };
  if (url) {
    const delivered = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'PayPal/AUHD-214.0-58479207', ...headers },
      body: payload,
    });
    out.delivery = { status: delivered.status, body: await delivered.text() };
  }
  return [200, out];
}

// What an event is about: its resource, our order id, PayPal's order or authorization.
function about(resource, object) {
  const related = resource.supplementary_data?.related_ids ?? {};
  return [resource.id, resource.custom_id, resource.purchase_units?.[0]?.custom_id, related.order_id, related.authorization_id].includes(object);
}

async function emulator(req, res, body) {
  const url = new URL(req.url, base);
  const p = body ? JSON.parse(body) : {};
  let m;
  if (req.method === 'GET' && url.pathname === '/_emulator/state')
    return answer(res, 200, { counts: totals, orders: byOrder, paypal_orders: paypalOrderOf, requests_by_id: requestsById, tokens_issued: tokensIssued, verifications });
  if (req.method === 'POST' && url.pathname === '/_emulator/fail') {
    failing = { count: p.count ?? 1, status: p.status ?? 500 };
    return answer(res, 200, failing);
  }
  if (req.method === 'POST' && url.pathname === '/_emulator/hang') {
    hanging = p.count ?? 1;
    return answer(res, 200, { hanging });
  }
  if (req.method === 'POST' && url.pathname === '/_emulator/tokens/expire') {
    for (const token of tokens.keys()) tokens.set(token, 0);
    return answer(res, 200, { expired: tokens.size });
  }
  if (req.method === 'POST' && url.pathname === '/_emulator/captures/pending') {
    pendingCaptures = p.count ?? 1;
    return answer(res, 200, { pending: pendingCaptures });
  }
  if (req.method === 'POST' && (m = /^\/_emulator\/captures\/([^/]+)\/deny$/.exec(url.pathname))) {
    // PayPal's review of a pending capture ends in its denial.
    const held = captures.get(m[1]);
    if (!held || held.capture.status !== 'PENDING') return answer(res, 409, { error: 'not a pending capture' });
    Object.assign(held.capture, { status: 'DECLINED', status_details: { reason: 'DECLINED_BY_RISK_FRAUD_FILTERS' } });
    record('PAYMENT.CAPTURE.DENIED', 'capture', held.capture, `A ${held.capture.amount.value} ${held.capture.amount.currency_code} capture payment was denied`);
    return answer(res, 200, held.capture);
  }
  if (req.method === 'POST' && (m = /^\/_emulator\/orders\/([^/]+)\/(approve|cancel)$/.exec(url.pathname))) {
    // The buyer at PayPal's page: approves the order (with a funding source the bank will decline, when
    // `decline` names the issue), or cancels and goes back to the shop's cancel_url.
    const held = orders.get(m[1]);
    if (!held || !['CREATED', 'PAYER_ACTION_REQUIRED'].includes(held.order.status)) return answer(res, 409, { error: 'not waiting for the payer' });
    if (m[2] === 'cancel') return answer(res, 200, { redirect: held.experience.cancel_url });
    held.order.status = 'APPROVED';
    held.order.payer = { name: { given_name: 'John', surname: 'Doe' }, email_address: 'buyer@example.com', payer_id: id(13) };
    held.decline = p.decline ?? null;
    record('CHECKOUT.ORDER.APPROVED', 'checkout-order', held.order, 'An order has been approved by buyer');
    return answer(res, 200, { redirect: `${held.experience.return_url}?token=${m[1]}&PayerID=${held.order.payer.payer_id}` });
  }
  if (req.method === 'GET' && url.pathname === '/_emulator/checkoutnow') return answer(res, 200, { approving: url.searchParams.get('token') });
  if (req.method === 'GET' && url.pathname === '/_emulator/events') {
    const type = url.searchParams.get('type');
    const object = url.searchParams.get('about');
    const found = events.filter((e) => (!type || e.event_type === type) && (!object || about(e.resource, object)));
    return answer(res, 200, { data: found.map((e) => ({ id: e.id, type: e.event_type, resource: e.resource.id })) });
  }
  if (req.method === 'POST' && (m = /^\/_emulator\/events\/([^/]+)\/send$/.exec(url.pathname))) return answer(res, ...(await sendEvent(m[1], p)));
  return answer(res, 404, { error: `no route ${req.method} ${url.pathname}` });
}

const server = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const handle = req.url.startsWith('/_emulator')
      ? emulator(req, res, body)
      : req.method === 'POST' && req.url === '/v1/oauth2/token'
        ? issueToken(req, res, body)
        : api(req, res, body);
    Promise.resolve(handle).catch((e) => answer(res, 500, { name: 'INTERNAL_SERVER_ERROR', message: `emulator: ${e.message}` }));
  });
});

server.listen(port, '127.0.0.1', () => console.log(`paypal emulator on ${base}`));
process.on('SIGTERM', () => {
  for (const res of withheld) res.destroy();
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
