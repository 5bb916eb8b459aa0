'use strict';
// The Tollgate console: reads /api/v1/console/* with the signed-in caller's credentials and follows
// the server-sent event stream. Credentials stay in this page's memory; nothing is stored.
(function () {
  const API = '/api/v1/console';
  const RECONNECT_MS_MAX = 30000;
  const NEEDS = {
    operations: 'Operations need the operator or auditor role.',
    money: 'Money views need the auditor or treasury role.',
    drill: 'The order drill-down needs the auditor or treasury role.'
  };
  let authorization = null;
  let streamAbort = null;
  let reconnectMs = 1000;

  const $ = (id) => document.getElementById(id);

  function cell(row, text, cls) {
    const td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '–' : String(text);
    if (cls) td.className = cls;
    row.appendChild(td);
    return td;
  }

  function rows(tableId, items, fill) {
    const body = $(tableId).tBodies[0];
    body.replaceChildren();
    items.forEach((item) => {
      const tr = document.createElement('tr');
      fill(tr, item);
      body.appendChild(tr);
    });
  }

  function pairs(tableId, entries) {
    rows(tableId, entries, (tr, [key, value]) => {
      const th = document.createElement('th');
      th.textContent = key;
      tr.appendChild(th);
      cell(tr, value).id = tableId + '-' + key.replace(/\s+/g, '-');
    });
  }

  function refuse(id, text) {
    const p = $(id);
    p.textContent = text;
    p.hidden = false;
  }

  function clear(id) {
    $(id).hidden = true;
    $(id).textContent = '';
  }

  function refusalText(status, problem, need) {
    if (status === 401) return 'Refused by the server (HTTP 401): sign in again. ' + need;
    const detail = problem && (problem.detail || problem.title);
    return 'Refused by the server (HTTP ' + status + '). ' + need + (detail ? ' (' + detail + ')' : '');
  }

  async function getJson(path) {
    const response = await fetch(path, { headers: { Authorization: authorization, Accept: 'application/json' } });
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    return { status: response.status, body: body };
  }

  function money(m) {
    return m ? m.amount + ' ' + m.currency : '–';
  }

  function renderOperations(ops) {
    clear('operations-refusal');
    $('operations-body').hidden = false;
    rows('funnel', Object.entries(ops.ordersByStatus), (tr, [status, n]) => {
      const th = document.createElement('th');
      th.textContent = status;
      tr.appendChild(th);
      cell(tr, n, 'num').id = 'funnel-' + status;
    });
    $('parked').textContent = ops.parked;
    $('suspended').textContent = ops.suspendedPayments;
    $('anomalies').textContent = ops.anomalies;
    $('review-queue').textContent = ops.reviewQueue === null ? '–' : ops.reviewQueue;
    const suspense = Object.entries(ops.suspensePostings);
    rows('suspense', suspense.length ? suspense : [['none', 0]], (tr, [account, n]) => {
      cell(tr, account);
      cell(tr, n, 'num').id = 'suspense-' + account;
    });
    rows('services', ops.services, (tr, s) => {
      tr.id = 'service-' + s.service;
      cell(tr, s.service);
      if (s.refusal) {
        cell(tr, s.refusal.reason, 'refusal').colSpan = 3;
        return;
      }
      // ledger-service publishes nothing through an outbox: no figure rather than a zero.
      cell(tr, s.outboxLag === null ? 'no outbox' : s.outboxLag, 'num').id = 'outbox-lag-' + s.service;
      cell(tr, s.outboxPublished, 'num');
      const p99 = Object.entries(s.p99Seconds).map(([k, v]) => k + ': ' + v.toFixed(4)).join('\n');
      cell(tr, p99 || 'no timings yet').style.whiteSpace = 'pre';
    });
    if (ops.consumerLagRefusal) refuse('lag-refusal', ops.consumerLagRefusal); else clear('lag-refusal');
    rows('consumer-lag', ops.consumerLag, (tr, l) => {
      tr.id = 'lag-' + l.group + '-' + l.topic + '-' + l.partition;
      if (l.lagRecords > 0) tr.className = 'lagging';
      [l.group, l.topic].forEach((t) => cell(tr, t));
      [l.partition, l.committed, l.end, l.lagRecords].forEach((n) => cell(tr, n, 'num'));
      cell(tr, l.lagSeconds < 0 ? 'unknown' : l.lagSeconds.toFixed(1), 'num');
    });
    const refusals = $('dead-letter-refusals');
    refusals.replaceChildren();
    ops.deadLetterRefusals.forEach((r) => {
      const p = document.createElement('p');
      p.className = 'refusal';
      p.textContent = 'Dead letters of ' + r.source + ': ' + r.reason;
      refusals.appendChild(p);
    });
    rows('dead-letters', ops.deadLetters, (tr, d) => {
      tr.className = 'dead-letter';
      [d.service, d.id, d.consumerGroup, d.topic + '/' + d.partition + '@' + d.offset, d.orderId, d.code,
        d.reason, d.status].forEach((t) => cell(tr, t));
      const td = cell(tr, '');
      const a = document.createElement('a');
      a.href = d.operations;
      a.textContent = 'GET';
      a.target = '_blank';
      td.replaceChildren(a, document.createTextNode(' · POST …/retry, …/discard (operator)'));
    });
  }

  function renderMoney(m) {
    clear('money-refusal');
    $('money-body').hidden = false;
    rows('money-table', m.currencies, (tr, c) => {
      cell(tr, c.currency);
      [['gross', c.grossAuthorized], ['due', c.revenueShareDue], ['paid', c.revenueSharePaid],
        ['outstanding', c.revenueShareOutstanding], ['awaiting-orders', c.ordersAwaitingAuthorization],
        ['awaiting-gross', c.grossAwaitingAuthorization]]
        .forEach(([key, value]) => { cell(tr, value, 'num').id = 'money-' + c.currency + '-' + key; });
    });
    $('exposure-note').textContent = m.exposureRefusal
      ? 'Exposure awaiting authorization: ' + m.exposureRefusal.reason
      : (m.exposureComplete ? 'Exposure: every order awaiting authorization counted (order-service list).'
        : 'Exposure: more orders await authorization than one refresh reads; figures are a lower bound.');
  }

  function live(sequence, at) {
    const status = $('live-status');
    status.dataset.sequence = String(sequence);
    status.textContent = 'Live: update ' + sequence + ' at ' + at + ' (server-sent events)';
  }

  function render(snapshot) {
    if (snapshot.error) {
      $('live-status').textContent = 'Update ' + snapshot.sequence + ' at ' + snapshot.at + ': ' + snapshot.error;
      return;
    }
    if (snapshot.operations) renderOperations(snapshot.operations);
    if (snapshot.money) renderMoney(snapshot.money);
    live(snapshot.sequence, snapshot.at);
  }

  async function section(name, renderer) {
    const reply = await getJson(API + '/' + name);
    if (reply.status === 200) {
      renderer(reply.body);
      return true;
    }
    $(name + '-body').hidden = true;
    refuse(name + '-refusal', refusalText(reply.status, reply.body, NEEDS[name]));
    return false;
  }

  // EventSource cannot send an Authorization header, so the stream is read with fetch and parsed
  // here: events are separated by a blank line, their JSON is on "data:" lines.
  async function follow() {
    if (streamAbort) streamAbort.abort();
    const controller = new AbortController();
    streamAbort = controller;
    try {
      const response = await fetch(API + '/stream', {
        headers: { Authorization: authorization, Accept: 'text/event-stream' }, signal: controller.signal });
      if (response.status !== 200) {
        $('live-status').textContent = 'Live updates refused by the server (HTTP ' + response.status + ')';
        return;
      }
      reconnectMs = 1000;
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = event.split('\n').filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).replace(/^ /, '')).join('\n');
          if (data) render(JSON.parse(data));
        }
      }
    } catch (e) {
      if (controller.signal.aborted) return;
      $('live-status').textContent = 'Live updates interrupted (' + e.message + '); reconnecting';
    }
    if (streamAbort === controller) {
      setTimeout(follow, reconnectMs);
      reconnectMs = Math.min(reconnectMs * 2, RECONNECT_MS_MAX);
    }
  }

  async function signIn(event) {
    event.preventDefault();
    const token = $('token').value.trim();
    authorization = token ? 'Bearer ' + token : 'Basic ' + btoa($('user').value + ':' + $('password').value);
    $('live-status').textContent = 'Loading…';
    const shown = [await section('operations', renderOperations), await section('money', renderMoney)];
    if (shown.some((s) => s)) {
      $('live-status').textContent = 'Waiting for the first live update…';
      follow();
    } else {
      $('live-status').textContent = 'Signed in, but this role may see no section of the console.';
    }
  }

  function renderDrill(d) {
    $('drill-body').hidden = false;
    const order = d.order.body;
    if (d.order.refusal) { refuse('drill-order-refusal', d.order.refusal.reason); } else { clear('drill-order-refusal'); }
    pairs('drill-order', order ? [['status', order.status], ['customer', order.customerId + ' ' + (order.customerName || '')],
      ['product', order.product + ' × ' + order.quantity], ['gross', money(order.grossAmount)],
      ['revenue share due', money(order.revenueShareDue)], ['paid', money(order.revenueSharePaid)],
      ['outstanding', money(order.revenueShareOutstanding)],
      ['authorization', order.authorization ? order.authorization.authorizationId + ' (policy '
        + order.authorization.policyVersion + ', ' + order.authorization.decidedBy + ')' : '–']] : []);
    rows('drill-history', order ? order.history : [], (tr, h) => {
      [h.sequence, h.type, h.occurredAt, h.principal, h.summary].forEach((t) => cell(tr, t));
    });
    const app = d.application.body;
    if (d.application.refusal) {
      refuse('drill-application-refusal', d.application.refusal.reason);
    } else {
      clear('drill-application-refusal');
    }
    const tracks = app && app.tracks ? Object.entries(app.tracks)
      .map(([name, t]) => name + ': ' + t.verdict + ' ' + (t.code || '') + (t.text ? ' — ' + t.text : '')).join('\n') : '';
    pairs('drill-application', app ? [['status', app.status], ['decided by', app.decidedBy],
      ['policy version', app.policyVersion], ['tracks', tracks],
      ['reasons', (app.reasons || []).map((r) => r.track + ' ' + r.code + ': ' + r.text).join('\n')],
      ['decided at', app.decidedAt]] : []);
    if (d.ledger.refusal) { refuse('drill-ledger-refusal', d.ledger.refusal.reason); } else { clear('drill-ledger-refusal'); }
    rows('drill-ledger', d.ledger.body ? d.ledger.body.entries : [], (tr, e) => {
      tr.className = 'entry';
      [e.entryId, e.kind, e.account, e.side, e.amount + ' ' + e.currency, e.chain, e.seq].forEach((t) => cell(tr, t));
      cell(tr, e.hash, 'hash').title = e.hash;
      cell(tr, e.sourceEventId);
    });
  }

  async function drill(event) {
    event.preventDefault();
    const id = $('drill-order-id').value.trim();
    if (!authorization || !id) return;
    const reply = await getJson(API + '/orders/' + encodeURIComponent(id));
    if (reply.status !== 200) {
      $('drill-body').hidden = true;
      refuse('drill-refusal', refusalText(reply.status, reply.body, NEEDS.drill));
      return;
    }
    clear('drill-refusal');
    renderDrill(reply.body);
  }

  $('sign-in').addEventListener('submit', signIn);
  $('drill-form').addEventListener('submit', drill);
}());
