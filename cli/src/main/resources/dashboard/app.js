'use strict';
// The dashboard page: reads /api/* of the server that served it (same origin, cookie), draws with Chart.js.
// Text from the stores goes in with textContent only: domains, reasons and addresses come from the network.

const COLORS = ['#c53030', '#dd6b20', '#d69e2e', '#38a169', '#3182ce', '#805ad5', '#d53f8c', '#718096',
  '#2c7a7b', '#9c4221', '#553c9a'];
const charts = {};

async function api(path) {
  const response = await fetch(path, { credentials: 'same-origin' });
  const body = await response.json().catch(() => ({ error: response.statusText }));
  if (!response.ok) {
    throw new Error(body.error || ('HTTP ' + response.status));
  }
  return body;
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function link(href, text, testId) {
  const a = el('a', text);
  a.href = href;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  if (testId) a.dataset.testid = testId;
  return a;
}

function archiveUrl(key) {
  return '/archive?key=' + encodeURIComponent(key);
}

function reportUrl(key) {
  return '/report?key=' + encodeURIComponent(key);
}

function showError(error) {
  const p = document.getElementById('error');
  p.textContent = 'Error: ' + error.message;
  p.hidden = false;
}

function fill(tableId, rows) {
  const body = document.querySelector('#' + tableId + ' tbody');
  body.replaceChildren(...rows);
  if (rows.length === 0) {
    const tr = el('tr');
    const td = el('td', 'none', 'muted');
    td.colSpan = document.querySelectorAll('#' + tableId + ' thead th').length;
    tr.append(td);
    body.append(tr);
  }
}

function row(...cells) {
  const tr = el('tr');
  for (const cell of cells) {
    tr.append(cell instanceof Node && cell.tagName === 'TD' ? cell : td(cell));
  }
  return tr;
}

function td(content, className) {
  const cell = el('td', null, className);
  if (content instanceof Node) cell.append(content); else cell.textContent = content === undefined ? '' : String(content);
  return cell;
}

function num(n) {
  return td(Number(n).toLocaleString('en-US'), 'n');
}

function list(items) {
  const ul = el('ul');
  items.forEach(item => ul.append(item instanceof Node ? item : el('li', item)));
  return ul;
}

function drawCharts(summary) {
  const labels = summary.days.map(d => d.day.slice(5));
  const types = [...new Set(summary.days.flatMap(d => Object.keys(d.byResultType)))].sort();
  const common = { responsive: true, maintainAspectRatio: false, animation: false,
    scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } };
  charts.sessions?.destroy();
  charts.types?.destroy();
  charts.sessions = new Chart(document.getElementById('sessions-chart'), {
    type: 'bar', options: common,
    data: { labels, datasets: [
      { label: 'successful', data: summary.days.map(d => d.successful), backgroundColor: '#38a169' },
      { label: 'failed', data: summary.days.map(d => d.failed), backgroundColor: '#c53030' }] } });
  charts.types = new Chart(document.getElementById('types-chart'), {
    type: 'bar', options: common,
    data: { labels, datasets: types.map((type, i) => ({
      label: type, data: summary.days.map(d => d.byResultType[type] || 0), backgroundColor: COLORS[i % COLORS.length] })) } });
}

function fillDays(summary, selected) {
  const select = document.getElementById('day');
  const options = summary.days.slice().reverse().map(d => {
    const option = el('option', d.day + (d.successful + d.failed > 0 ? '' : ' (no results)'));
    option.value = d.day;
    return option;
  });
  select.replaceChildren(...options);
  select.value = selected;
}

async function showDay(day) {
  const data = await api('/api/day?day=' + encodeURIComponent(day));
  document.getElementById('day-successful').textContent = data.successful.toLocaleString('en-US');
  document.getElementById('day-failed').textContent = data.failed.toLocaleString('en-US');
  const total = data.successful + data.failed;
  document.getElementById('day-rate').textContent = total === 0 ? '-' : (100 * data.failed / total).toFixed(1) + ' %';
  document.getElementById('day-destinations').textContent = data.destinations;
  const partial = document.getElementById('day-partial');
  partial.hidden = !data.truncated;
  partial.textContent = data.truncated ? 'Partial: only the first recipient domains of ' + data.destinations + ' were read (--max-destinations).' : '';

  fill('failing-domains', data.failingDomains.map(d => row(d.domain, num(d.failed), num(d.successful),
    list(d.details.map(x => el('li', x.count + ' × ' + x.resultType + ' (' + x.policyType + ')'
      + (x.mxHost ? ' at ' + x.mxHost : '') + (x.receivingIp ? ' [' + x.receivingIp + ']' : '')
      + (x.additionalInformation ? ': ' + x.additionalInformation : '')))))));
  fill('failing-mx', data.failingMxHosts.map(h => row(h.mxHost, num(h.failed),
    list(Object.entries(h.byResultType).map(([type, n]) => n + ' × ' + type)), h.recipientDomains.join(', '))));
  fill('reports', data.reports.map(r => {
    const tr = row(r.kind, r.domain, td(r.state, 'state-' + r.state), r.reason || '',
      list(r.deliveries.map(d => {
        const li = el('li', d.target + ': ');
        li.append(el('span', d.state, 'state-' + d.state));
        if (d.reason) li.append(' (' + d.reason + ')');
        if (d.archived) { li.append(' '); li.append(link(archiveUrl(d.archived), 'sent copy', 'sent-copy')); }
        return li;
      })),
      r.report ? link(reportUrl(r.report), 'report', 'report-link') : td('-', 'muted'));
    tr.dataset.destination = r.kind + ' ' + r.domain;
    return tr;
  }));
}

async function showSuppressions() {
  const entries = await api('/api/suppressions');
  fill('suppressions', entries.map(s => row(s.address, s.active ? 'yes' : 'expired', s.until, s.source, s.reason || '')));
}

async function main() {
  try {
    const latest = await api('/api/latest');
    const summary = await api('/api/summary?days=30&to=' + encodeURIComponent(latest.today));
    drawCharts(summary);
    fillDays(summary, latest.day);
    const select = document.getElementById('day');
    select.addEventListener('change', () => showDay(select.value).catch(showError));
    await Promise.all([showDay(latest.day), showSuppressions()]);
    document.body.dataset.ready = 'true';
  } catch (error) {
    showError(error);
    document.body.dataset.ready = 'error';
  }
}

main();
