// One customer (templates/customer.html): master data, contacts, revenue by year with rank and tier
// (only when the API shows revenue: revenueVisible), tier history and the feedback history
// (GET /api/customers/{code}; /history for the first page of its complaints, changes and surveys,
// /history/{section}?page=&size= for the others: 20 per page, newest first). Editors change master
// data and contacts, revenue editors the revenue; each refusal's field errors are shown next to the
// field. Texts: customer.js.*.
(function () {
  'use strict';
  const $ = id => document.getElementById(id);
  const page = $('customer').dataset;
  const code = page.code;
  const base = '/api/customers/' + encodeURIComponent(code);
  const mayEdit = page.mayEdit === 'true';
  const mayEditRevenue = page.mayEditRevenue === 'true';
  const SIZE = 20; // rows per page of each history section
  const SECTIONS = ['complaints', 'changes', 'surveys'];
  const latest = {}; // the newest request per section: an older answer arriving later is dropped
  let customer = null;
  let editingContact = null;

  function show(text, ok) {
    const m = $('message');
    m.textContent = text || '';
    m.className = 'message ' + (ok ? 'ok' : 'error');
    m.hidden = !text;
  }

  function text(id, value) { $(id).textContent = value == null || value === '' ? '–' : value; }

  function cell(row, content, className) {
    const td = document.createElement('td');
    if (content instanceof Node) { td.appendChild(content); } else { td.textContent = content == null ? '' : content; }
    if (className) { td.className = className; }
    row.appendChild(td);
    return td;
  }

  function button(label, action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.addEventListener('click', action);
    return b;
  }

  function fill(section, rows, build) {
    const body = $(section).querySelector('tbody');
    body.textContent = '';
    rows.forEach(r => body.appendChild(build(r)));
    $(section).querySelector('.empty').hidden = rows.length > 0;
  }

  function day(value) { return value ? qms.dateTime(value).substring(0, 10) : ''; }

  function tierText(t) {
    if (!t || !t.tier) { return ''; }
    return t.rank == null ? qms.t('tierNoRank', t.tier, t.year || '') : qms.t('tierWithRank', t.tier, t.rank, t.year, day(t.since));
  }

  function load() {
    SECTIONS.forEach(section => { latest[section] = (latest[section] || 0) + 1; });
    return Promise.all([qmsApi.get(base), qmsApi.get(base + '/history?size=' + SIZE)])
      .then(([c, history]) => {
        customer = c;
        render(c);
        SECTIONS.forEach(section => renderSection(section, history[section]));
      })
      .catch(e => show(e.message));
  }

  // one page of one section of the history
  function loadSection(section, number) {
    const request = latest[section] = (latest[section] || 0) + 1;
    const params = new URLSearchParams({ page: number, size: SIZE });
    qmsApi.get(base + '/history/' + section + '?' + params).then(result => {
      if (request === latest[section]) { renderSection(section, result); }
    }).catch(e => show(e.message));
  }

  function pager(section, result) {
    const nav = $(section + '-pager');
    const pages = Math.max(1, Math.ceil(result.total / result.size));
    nav.hidden = result.total === 0;
    nav.dataset.page = result.page;
    nav.querySelector('.position').textContent = qms.t(section + 'Position', result.page + 1, pages, result.total);
    nav.querySelector('.previous').disabled = result.page === 0;
    nav.querySelector('.next').disabled = result.page + 1 >= pages;
  }

  SECTIONS.forEach(section => {
    const nav = $(section + '-pager');
    nav.querySelector('.previous').addEventListener('click', () => loadSection(section, Number(nav.dataset.page) - 1));
    nav.querySelector('.next').addEventListener('click', () => loadSection(section, Number(nav.dataset.page) + 1));
  });

  function render(c) {
    $('heading').textContent = c.code + ' · ' + c.name;
    document.title = c.code + ' · ' + c.name;
    $('inactive-badge').hidden = c.active;
    text('m-code', c.code);
    text('m-name', c.name);
    text('m-address', c.address);
    text('m-phone', c.phone);
    text('m-salesRep', c.salesRep);
    text('m-tier', tierText(c.tier));
    text('m-status', c.active ? qms.t('active') : qms.t('inactiveText'));
    if (mayEdit) { $('toggle-active').textContent = c.active ? qms.t('deactivate') : qms.t('reactivate'); }
    fill('contacts', c.contacts, contact => {
      const row = document.createElement('tr');
      row.className = 'contact';
      [contact.name, contact.role, contact.phone, contact.email].forEach(v => cell(row, v));
      if (mayEdit) {
        const actions = cell(row, '', 'actions');
        actions.appendChild(button(qms.t('edit'), () => editContact(contact)));
        actions.appendChild(button(qms.t('remove'), () => removeContact(contact)));
      }
      return row;
    });
    // revenue: confidential; the section exists only for those the API shows it to
    $('revenue').hidden = !c.revenueVisible;
    if (c.revenueVisible) {
      const byYear = new Map();
      c.tierHistory.slice().reverse().forEach(h => byYear.set(h.year, { rank: h.newRank, tier: h.newTier }));
      if (c.tier && c.tier.year) { byYear.set(c.tier.year, { rank: c.tier.rank, tier: c.tier.tier }); }
      fill('revenue', c.revenue, r => {
        const row = document.createElement('tr');
        row.className = 'revenue';
        const ranked = byYear.get(r.year) || {};
        cell(row, r.year);
        cell(row, Number(r.revenue).toLocaleString(qms.language === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: 2 }));
        cell(row, ranked.rank == null ? '–' : ranked.rank);
        cell(row, ranked.tier || '–');
        if (mayEditRevenue) { cell(row, button(qms.t('remove'), () => removeRevenue(r.year)), 'actions'); }
        return row;
      });
    }
    fill('tier-history', c.tierHistory, h => {
      const row = document.createElement('tr');
      cell(row, qms.dateTime(h.changedAt));
      cell(row, h.year);
      cell(row, (h.oldTier || '–') + ' → ' + h.newTier);
      cell(row, (h.oldRank == null ? '–' : h.oldRank) + ' → ' + (h.newRank == null ? '–' : h.newRank));
      cell(row, h.changedBy);
      cell(row, h.reason);
      return row;
    });
  }

  function renderSection(section, result) {
    ({ complaints: renderComplaints, changes: renderChanges, surveys: renderSurveys })[section](result);
    pager(section, result);
  }

  function renderComplaints(page) {
    fill('complaints', page.items, c => {
      const row = document.createElement('tr');
      row.className = 'complaint';
      cell(row, c.complaintNumber);
      cell(row, qms.dateTime(c.receivedAt));
      cell(row, c.productName + (c.productModel ? ' (' + c.productModel + ')' : ''));
      cell(row, c.batchNumber);
      cell(row, c.defectCode + (c.defectDescription ? ' · ' + c.defectDescription : ''));
      cell(row, c.severity === 'serious' ? qms.t('severitySerious') : c.severity === 'minor' ? qms.t('severityMinor') : (c.severity || '–'));
      const status = c.status === 'CLOSED' ? qms.t('closedOn', day(c.closedAt))
        : c.openSteps.length ? qms.t('openAt', c.openSteps.join(', ')) : qms.t('open');
      cell(row, status);
      cell(row, c.onTime == null ? '–' : c.onTime ? qms.t('onTime') : qms.t('late', c.lateSteps),
        c.onTime === false ? 'overdue' : '');
      return row;
    });
  }

  function renderChanges(page) {
    fill('changes', page.items, c => {
      const row = document.createElement('tr');
      row.className = 'change';
      cell(row, c.changeNumber);
      cell(row, qms.dateTime(c.raisedAt));
      cell(row, c.changeType);
      cell(row, c.description);
      cell(row, c.state);
      cell(row, c.effectiveDate || '');
      return row;
    });
    $('changes-not-shown').hidden = page.notShown === 0;
    $('changes-not-shown').textContent = qms.t('changesNotShown', page.notShown);
  }

  function renderSurveys(page) {
    fill('surveys', page.items, s => {
      const row = document.createElement('tr');
      row.className = 'survey';
      cell(row, s.complaintNumber || s.surveyNumber);
      cell(row, day(s.surveyedAt));
      ['quality', 'delivery', 'service', 'responsiveness'].forEach(a => cell(row, s.scores[a] == null ? '–' : s.scores[a] + ' / 5'));
      return row;
    });
  }

  function values(form, names) {
    const body = {};
    names.forEach(n => {
      const v = form.elements[n].value.trim();
      if (v) { body[n] = v; }
    });
    return body;
  }

  function failed(form) {
    return error => show(qmsApi.showErrors(form, error).join(' '), false);
  }

  // ---- master data
  if (mayEdit) {
    const form = $('master-form');
    $('edit-master').addEventListener('click', () => {
      form.elements.name.value = customer.name || '';
      form.elements.address.value = customer.address || '';
      form.elements.phone.value = customer.phone || '';
      form.elements.salesRep.value = customer.salesRep || '';
      qmsApi.clearErrors(form);
      form.hidden = false;
      form.elements.name.focus();
    });
    form.querySelector('.cancel').addEventListener('click', () => { form.hidden = true; });
    form.addEventListener('submit', e => {
      e.preventDefault();
      // the rep is sent also when empty: an empty rep clears it (a request without it keeps it)
      const body = values(form, ['name', 'address', 'phone']);
      body.salesRep = form.elements.salesRep.value.trim() || null;
      qmsApi.send('PUT', base, body)
        .then(() => { form.hidden = true; show(qms.t('saved'), true); return load(); })
        .catch(failed(form));
    });
    $('toggle-active').addEventListener('click', () => {
      if (customer.active && !window.confirm(qms.t('confirmDeactivate', customer.code))) { return; }
      qmsApi.send('POST', base + (customer.active ? '/deactivate' : '/reactivate'))
        .then(() => { show(qms.t('saved'), true); return load(); })
        .catch(e => show(e.message, false));
    });

    // ---- contacts
    const contactForm = $('contact-form');
    const resetContact = () => {
      editingContact = null;
      contactForm.reset();
      qmsApi.clearErrors(contactForm);
      $('contact-form-title').textContent = qms.t('addContact');
    };
    contactForm.querySelector('.cancel').addEventListener('click', resetContact);
    contactForm.addEventListener('submit', e => {
      e.preventDefault();
      const body = values(contactForm, ['name', 'role', 'phone', 'email']);
      const call = editingContact
        ? qmsApi.send('PUT', base + '/contacts/' + editingContact.id, body)
        : qmsApi.send('POST', base + '/contacts', body);
      call.then(() => { resetContact(); show(qms.t('saved'), true); return load(); }).catch(failed(contactForm));
    });
    resetContact();
  }

  function editContact(contact) {
    const form = $('contact-form');
    editingContact = contact;
    ['name', 'role', 'phone', 'email'].forEach(n => { form.elements[n].value = contact[n] || ''; });
    qmsApi.clearErrors(form);
    $('contact-form-title').textContent = qms.t('editContact', contact.name);
    form.elements.name.focus();
  }

  function removeContact(contact) {
    if (!window.confirm(qms.t('confirmRemoveContact', contact.name))) { return; }
    qmsApi.send('DELETE', base + '/contacts/' + contact.id)
      .then(() => { show(qms.t('removed', contact.name), true); return load(); })
      .catch(e => show(e.message, false));
  }

  // ---- revenue
  if (mayEditRevenue) {
    const form = $('revenue-form');
    form.addEventListener('submit', e => {
      e.preventDefault();
      const year = form.elements.year.value.trim();
      const amount = form.elements.revenue.value.trim();
      qmsApi.clearErrors(form);
      if (!/^\d{4}$/.test(year)) {
        qmsApi.showErrors(form, { problem: { errors: [{ field: 'year', message: qms.t('yearNeeded') }] } });
        return;
      }
      qmsApi.send('PUT', base + '/revenue/' + year, { revenue: amount === '' ? null : Number(amount) })
        .then(() => { form.reset(); show(qms.t('saved'), true); return load(); })
        .catch(failed(form));
    });
  }

  function removeRevenue(year) {
    if (!window.confirm(qms.t('confirmRemoveRevenue', year))) { return; }
    qmsApi.send('DELETE', base + '/revenue/' + year)
      .then(() => { show(qms.t('removed', year), true); return load(); })
      .catch(e => show(e.message, false));
  }

  load();
}());
