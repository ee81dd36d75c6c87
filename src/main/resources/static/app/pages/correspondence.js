/*
 * The complaint record page's section "Correspondence with the customer" (templates/records/page.html,
 * mailintake/Correspondence): every mail to the customer (acknowledgement, status mails, the written
 * reply: the outbox) and from the customer (the mail the complaint was registered from, the customer's
 * replies with the number in the subject), oldest first, each with its text and files.
 * GET /api/complaints/{number}/correspondence; texts from <script id="correspondence-texts">.
 */
(function () {
  'use strict';
  let texts = null;

  function t(key, ...args) {
    if (texts === null) {
      const block = document.getElementById('correspondence-texts');
      texts = block ? JSON.parse(block.textContent) : {};
    }
    const pattern = texts[key];
    return pattern === undefined ? '??' + key + '??'
      : pattern.replace(/\{(\d+)\}/g, (all, i) => (args[i] === undefined ? all : String(args[i])));
  }

  function known(key, fallback) {
    const text = t(key);
    return text.startsWith('??') ? fallback : text;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    children.forEach(c => node.append(c === null || c === undefined ? '' : c));
    return node;
  }

  function files(list) {
    if (!list.length) { return ''; }
    const ul = el('ul', { class: 'mail-files' });
    list.forEach(f => {
      const name = f.url ? el('a', { href: f.url }, f.name) : el('span', {}, f.name);
      ul.append(el('li', f.refusal ? { class: 'error' } : {}, name,
        ' (' + Math.ceil(f.size / 1024) + ' KB)', f.refusal ? ' · ' + t('refused') : ''));
    });
    return ul;
  }

  function render(section, mails) {
    const body = section.querySelector('.correspondence-body');
    body.replaceChildren();
    if (!mails.length) {
      body.append(el('p', { class: 'hint' }, t('none')));
      return;
    }
    const table = el('table', { class: 'records', id: 'correspondence-mails' },
      el('thead', {}, el('tr', {}, el('th', {}, t('at')), el('th', {}, t('direction')),
        el('th', {}, t('party')), el('th', {}, t('subject')))));
    const rows = el('tbody');
    mails.forEach(m => {
      const kind = m.direction === 'in' ? t('kind.' + m.kind)
        : known('kind.' + m.kind, t('kind.other'));
      const direction = (m.direction === 'in' ? t('in') : t('out')) + ' · ' + kind
        + (m.direction === 'out' ? ' · ' + known('status.' + m.status, m.status) : '');
      const text = el('details', {}, el('summary', {}, t('show')), el('pre', { class: 'mail-text' }, m.body || ''));
      rows.append(el('tr', { class: 'mail mail-' + m.direction },
        el('td', {}, qms.dateTime(m.at)), el('td', {}, direction),
        el('td', {}, m.direction === 'in' ? m.from : m.to),
        el('td', {}, el('div', {}, m.subject), text, files(m.files || []))));
    });
    table.append(rows);
    body.append(table);
  }

  document.addEventListener('DOMContentLoaded', () => {
    const section = document.getElementById('correspondence');
    if (!section) { return; }
    qmsApi.get('/api/complaints/' + encodeURIComponent(section.dataset.number) + '/correspondence')
      .then(mails => render(section, mails),
        error => { section.querySelector('.correspondence-message').textContent = error.message; });
  });
}());
