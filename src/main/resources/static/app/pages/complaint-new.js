// "Register a complaint" (templates/complaint-new.html): the clerk finds the customer by code or name
// (type-ahead over GET /api/customers, Chinese included), sees its name, tier and contacts, picks the
// contact, picks the defect from the catalog by code or description (GET /api/defect-codes?q=…), and
// submits through POST /api/complaints: the same rules as the Tasklist start form, each refusal shown
// at its field. The customer's files are then attached to the new complaint (POST
// /api/complaints/{number}/attachments, step "intake"); the confirmation shows the complaint number.
(function () {
  'use strict';
  const $ = id => document.getElementById(id);
  const form = $('complaint');
  // a draft complaint from the mailbox (templates/mail-draft.html) is registered through its own URL
  const page = document.querySelector('main[data-submit-url]');
  const submitUrl = page ? page.dataset.submitUrl : '/api/complaints';
  const TEXTS = ['contactName', 'contactPhone', 'channel', 'category', 'productName', 'productModel', 'packaging',
    'batchNumber', 'productionDate', 'purchaseDate', 'description', 'externalReference'];
  const NUMBERS = ['quantityPurchased', 'quantityDefective'];
  const FLAGS = ['usageQuestion', 'urgent', 'safetyRelated', 'customerPrescribesReportFormat'];
  let defects = [];
  let defectTimer = null;
  let defectRequest = 0;
  let customerTimer = null;
  let customerRequest = 0;

  function show(text, ok) {
    const m = $('message');
    m.textContent = text || '';
    m.className = 'message ' + (ok ? 'ok' : 'error');
    m.hidden = !text;
  }

  // ---- a type-ahead list: options rendered under the input, arrow keys and Enter or a click pick one
  function picker(input, list, pick) {
    let items = [];
    let active = -1;
    function close() { list.hidden = true; input.setAttribute('aria-expanded', 'false'); active = -1; }
    function mark() {
      Array.from(list.children).forEach((li, i) => li.setAttribute('aria-selected', String(i === active)));
    }
    input.addEventListener('keydown', e => {
      if (list.hidden || !items.length) { return; }
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        active = (active + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
        mark();
      } else if (e.key === 'Enter') {
        e.preventDefault();
        pick(items[Math.max(active, 0)].value);
        close();
      } else if (e.key === 'Escape') {
        close();
      }
    });
    input.addEventListener('blur', () => setTimeout(close, 200));
    return function render(options, emptyText) {
      items = options;
      list.textContent = '';
      options.forEach((o, i) => {
        const li = document.createElement('li');
        li.setAttribute('role', 'option');
        li.id = list.id + '-' + i;
        li.textContent = o.label;
        li.addEventListener('mousedown', e => { e.preventDefault(); pick(o.value); close(); });
        list.appendChild(li);
      });
      if (!options.length && emptyText) {
        const li = document.createElement('li');
        li.className = 'none';
        li.textContent = emptyText;
        list.appendChild(li);
      }
      list.hidden = !options.length && !emptyText;
      input.setAttribute('aria-expanded', String(!list.hidden));
      active = -1;
    };
  }

  // ---- customer
  const customerOptions = picker($('customer-search'), $('customer-options'), code => chooseCustomer(code));

  $('customer-search').addEventListener('input', () => {
    $('customerCode').value = '';
    $('customer-card').hidden = true;
    showContacts([]);
    clearTimeout(customerTimer);
    const q = $('customer-search').value.trim();
    if (!q) { customerOptions([]); return; }
    customerTimer = setTimeout(() => {
      const request = ++customerRequest;
      qmsApi.get('/api/customers?' + new URLSearchParams({ q, size: 10, sort: 'name' }))
        .then(result => {
          if (request !== customerRequest) { return; }
          customerOptions(result.items.map(c => ({
            value: c.code,
            label: c.code + ' · ' + c.name + ' · ' + (c.tier == null ? qms.t('noTier') : qms.t('tier', c.tier)) + (c.active ? '' : ' · ' + qms.t('inactive'))
          })), qms.t('noCustomer', q));
        })
        .catch(e => show(e.message));
    }, 150);
  });

  function chooseCustomer(code) {
    return qmsApi.get('/api/customers/' + encodeURIComponent(code)).then(c => {
      $('customerCode').value = c.code;
      $('customer-search').value = c.code + ' · ' + c.name;
      $('customer-name').textContent = c.name;
      $('customer-code').textContent = c.code;
      // a customer whose tier was never computed (e.g. loaded into the table directly) has none yet
      $('customer-tier').textContent = !c.tier || c.tier.tier == null ? qms.t('noTier')
        : c.tier.rank == null ? qms.t('tier', c.tier.tier) : qms.t('tierRank', c.tier.tier, c.tier.rank);
      $('customer-inactive').hidden = c.active;
      $('customer-link').href = '/customers/' + encodeURIComponent(c.code);
      $('customer-card').hidden = false;
      showContacts(c.contacts);
    }).catch(e => show(e.message));
  }

  function showContacts(contacts) {
    const box = $('contacts');
    box.textContent = '';
    contacts.forEach(contact => {
      const label = document.createElement('label');
      const radio = document.createElement('input');
      radio.type = 'radio';
      radio.name = 'contact';
      radio.value = String(contact.id);
      radio.addEventListener('change', () => {
        $('contactName').value = contact.name;
        $('contactPhone').value = contact.phone || '';
      });
      label.appendChild(radio);
      label.appendChild(document.createTextNode(' ' + [contact.name, contact.role, contact.phone, contact.email]
        .filter(Boolean).join(' · ')));
      box.appendChild(label);
    });
    $('contacts-hint').textContent = contacts.length ? qms.t('pickContact') : qms.t('noContacts');
  }

  // ---- defect
  const defectOptions = picker($('defect-search'), $('defect-options'), code => chooseDefect(code));

  function chooseDefect(code) {
    const d = defects.find(x => x.code === code);
    $('defectCode').value = code;
    $('defect-search').value = d ? d.code + ' · ' + d.description : code;
    $('defect-code').textContent = code;
    $('defect-description').textContent = d ? d.description + ' (' + d.category + ')' : '';
    $('defect-card').hidden = false;
  }

  // the server ranks the matches: the code itself, codes starting with the text, then descriptions
  $('defect-search').addEventListener('input', () => {
    $('defectCode').value = '';
    $('defect-card').hidden = true;
    const q = $('defect-search').value.trim();
    clearTimeout(defectTimer);
    const request = ++defectRequest;
    if (!q) { defectOptions([]); return; }
    defectTimer = setTimeout(() => {
      qmsApi.get('/api/defect-codes?limit=15&q=' + encodeURIComponent(q)).then(found => {
        if (request !== defectRequest) { return; }
        defectOptions(found.map(d => ({ value: d.code, label: d.code + ' · ' + d.description })), qms.t('noDefect', q));
      }).catch(e => show(e.message));
    }, 150);
  });
  $('defect-search').addEventListener('focus', () => {
    if (!$('defect-search').value.trim()) {
      defectOptions(defects.filter(d => d.active).slice(0, 15).map(d => ({ value: d.code, label: d.code + ' · ' + d.description })));
    }
  });

  // ---- submit, then attach the files to the new complaint
  function body() {
    const b = {};
    let customer = $('customerCode').value;
    const typed = $('customer-search').value.trim();
    if (!customer && /^C\d{3,}$/.test(typed)) { customer = typed; }
    if (customer) { b.customerCode = customer; }
    let defect = $('defectCode').value;
    const typedDefect = $('defect-search').value.trim();
    if (!defect && /^[A-Z0-9-]{2,30}$/.test(typedDefect)) { defect = typedDefect; }
    if (defect) { b.defectCode = defect; }
    TEXTS.forEach(f => { const v = form.elements[f].value.trim(); if (v) { b[f] = v; } });
    NUMBERS.forEach(f => { const v = form.elements[f].value.trim(); if (v) { b[f] = Number(v); } });
    FLAGS.forEach(f => { b[f] = form.elements[f].checked; });
    return b;
  }

  form.addEventListener('submit', e => {
    e.preventDefault();
    show('');
    qmsApi.clearErrors(form);
    $('submit').disabled = true;
    qmsApi.send('POST', submitUrl, body())
      .then(created => attach(created.complaintNumber).then(files => confirm(created.complaintNumber, files)))
      .catch(error => {
        const rest = qmsApi.showErrors(form, error);
        show(rest.length ? rest.join(' ') : qms.t('fixFields'), false);
      })
      .finally(() => { $('submit').disabled = false; });
  });

  function attach(number) {
    const files = Array.from($('files').files);
    const results = [];
    return files.reduce((previous, file) => previous.then(() => {
      const data = new FormData();
      data.append('step', 'intake');
      data.append('file', file, file.name);
      return qmsApi.upload('/api/complaints/' + encodeURIComponent(number) + '/attachments', data)
        .then(() => results.push({ name: file.name, ok: true }),
          error => results.push({ name: file.name, ok: false, message: error.message }));
    }), Promise.resolve()).then(() => results);
  }

  function confirm(number, files) {
    form.hidden = true;
    show('');
    $('confirmation-title').textContent = qms.t('registered', number);
    $('confirmation-text').textContent = qms.t('registeredText', number);
    const list = $('confirmation-files');
    list.textContent = '';
    files.forEach(f => {
      const li = document.createElement('li');
      li.className = f.ok ? 'ok' : 'error';
      li.textContent = f.ok ? qms.t('fileAttached', f.name) : qms.t('fileFailed', f.name, f.message);
      list.appendChild(li);
    });
    $('confirmation-customer').href = '/customers/' + encodeURIComponent($('customerCode').value || $('customer-search').value.trim());
    $('confirmation').hidden = false;
    $('confirmation').dataset.number = number;
    $('confirmation-title').focus();
  }

  qmsApi.get('/api/defect-codes').then(list => { defects = list; }).catch(e => show(e.message));
  const preset = new URLSearchParams(window.location.search).get('customer') || (page && page.dataset.customer);
  if (preset) { chooseCustomer(preset); }
}());
