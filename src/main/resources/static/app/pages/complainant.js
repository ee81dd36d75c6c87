/*
 * The complaint record page's section "Acknowledgement and status link" (templates/records/page.html,
 * complainant/ComplainantController): the acknowledgement to the customer contact, the status link's
 * state and every mail to the customer; buttons to send the acknowledgement (customers acknowledged
 * manually, or after an address was added) and to revoke the status link. The server decides who may
 * (403 shows as the message). Texts from <script type="application/json" id="complainant-texts">.
 */
(function () {
  'use strict';
  let texts = null;

  function t(key, ...args) {
    if (texts === null) {
      const block = document.getElementById('complainant-texts');
      texts = block ? JSON.parse(block.textContent) : {};
    }
    const pattern = texts[key];
    return pattern === undefined ? '??' + key + '??'
      : pattern.replace(/\{(\d+)\}/g, (all, i) => (args[i] === undefined ? all : String(args[i])));
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    children.forEach(c => node.append(c === null || c === undefined ? '' : c));
    return node;
  }

  function row(label, value, id) {
    return el('tr', id ? { id } : {}, el('th', { scope: 'row' }, label), el('td', {}, value));
  }

  function render(section, ack) {
    const body = section.querySelector('.complainant-body');
    body.replaceChildren();
    const message = section.querySelector('.complainant-message');
    const facts = el('table', { class: 'records complainant-facts' });
    facts.append(
      row(t('state.' + ack.state).startsWith('??') ? ack.state : t('state.' + ack.state), '', 'ack-state'),
      row(t('mode'), t('mode.' + ack.mode)),
      row(t('contact'), (ack.contactName || '') + (ack.contactEmail ? ' <' + ack.contactEmail + '>' : '')),
      row(t('language'), ack.language === 'en' ? 'English' : '中文'),
      row(t('contactBy'), qms.dateTime(ack.contactBy)));
    facts.querySelector('#ack-state th').setAttribute('colspan', '2');
    facts.querySelector('#ack-state td').remove();
    if (ack.sentAt) {
      facts.append(row(t('sent'), qms.dateTime(ack.sentAt) + ' · '
        + (ack.sentBy === 'system' ? t('automatically') : t('by', ack.sentBy))));
    }
    const link = ack.link === 'ACTIVE' ? t('linkActive')
      : ack.link === 'REVOKED' ? t('linkRevoked') + ' · ' + qms.dateTime(ack.revokedAt) + ' · ' + ack.revokedBy
        : t('linkNone');
    facts.append(row(t('link'), link, 'ack-link'));
    body.append(facts);

    const actions = el('p', { class: 'record-actions' });
    if (ack.state !== 'SENT') {
      const send = el('button', { type: 'button', id: 'ack-send', class: 'button' }, t('send'));
      send.addEventListener('click', () => act(section, 'POST', 'acknowledgement', send));
      actions.append(send);
    }
    if (ack.link === 'ACTIVE') {
      const revoke = el('button', { type: 'button', id: 'ack-revoke', class: 'button' }, t('revoke'));
      revoke.addEventListener('click', () => {
        if (window.confirm(t('revokeConfirm'))) {
          act(section, 'POST', 'status-link/revoke', revoke);
        }
      });
      actions.append(revoke);
    }
    body.append(actions);

    body.append(el('h3', {}, t('mails')));
    if (!ack.mails.length) {
      body.append(el('p', { class: 'hint' }, t('noMails')));
    } else {
      const table = el('table', { class: 'records', id: 'customer-mails' },
        el('thead', {}, el('tr', {}, el('th', {}, t('mailAt')), el('th', {}, t('mailTo')),
          el('th', {}, t('mailSubject')), el('th', {}, t('mailStatus')))));
      const rows = el('tbody');
      ack.mails.forEach(m => rows.append(el('tr', {}, el('td', {}, qms.dateTime(m.createdAt)),
        el('td', {}, m.to), el('td', {}, m.subject),
        el('td', {}, delivery(m.status) + (m.sentAt ? ' · ' + qms.dateTime(m.sentAt) : '')))));
      table.append(rows);
      body.append(table);
    }
    message.textContent = '';
  }

  function delivery(status) {
    const text = t('delivery.' + status);
    return text.startsWith('??') ? status : text;
  }

  function url(section, what) {
    return '/api/complaints/' + encodeURIComponent(section.dataset.number) + '/' + what;
  }

  function load(section) {
    return qmsApi.get(url(section, 'acknowledgement')).then(ack => render(section, ack), error => {
      section.querySelector('.complainant-message').textContent =
        error.status === 404 ? t('none') : error.message;
    });
  }

  function act(section, method, what, button) {
    button.disabled = true;
    qmsApi.send(method, url(section, what)).then(ack => render(section, ack), error => {
      button.disabled = false;
      section.querySelector('.complainant-message').textContent = error.message;
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    const section = document.getElementById('complainant');
    if (section) {
      load(section);
    }
  });
}());
