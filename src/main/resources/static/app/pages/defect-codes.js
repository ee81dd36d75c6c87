// The defect catalog (templates/defect-codes.html): every signed-in user finds codes by code or
// description (GET /api/defect-codes); its owners add and change codes (PUT /api/defect-codes/{code};
// a code is never deleted, it is taken out of use) and see the change log. Texts: defectCodes.js.*.
(function () {
  'use strict';
  const $ = id => document.getElementById(id);
  const mayEdit = $('defect-codes').dataset.mayEdit === 'true';
  const form = $('code-form');
  let codes = [];
  let editing = null;

  function show(text, ok) {
    const m = $('message');
    m.textContent = text || '';
    m.className = 'message ' + (ok ? 'ok' : 'error');
    m.hidden = !text;
  }

  function category(value) {
    return { quality: qms.t('quality'), delivery: qms.t('delivery'), service: qms.t('service'),
      environmental: qms.t('environmental') }[value] || value;
  }

  function render() {
    const q = $('q').value.trim().toLowerCase();
    const all = $('show-inactive').checked;
    const shown = codes.filter(d => (all || d.active)
      && (!q || d.code.toLowerCase().includes(q) || d.description.toLowerCase().includes(q)));
    const body = $('codes').querySelector('tbody');
    body.textContent = '';
    shown.forEach(d => {
      const row = document.createElement('tr');
      row.className = 'defect' + (d.active ? '' : ' inactive');
      [d.code, d.description, category(d.category), d.active ? qms.t('yes') : qms.t('no')].forEach(v => {
        const td = document.createElement('td');
        td.textContent = v;
        row.appendChild(td);
      });
      if (mayEdit) {
        const td = document.createElement('td');
        const edit = document.createElement('button');
        edit.type = 'button';
        edit.textContent = qms.t('edit');
        edit.addEventListener('click', () => startEdit(d));
        td.appendChild(edit);
        row.appendChild(td);
      }
      body.appendChild(row);
    });
    $('empty').hidden = shown.length > 0;
  }

  function load() {
    return qmsApi.get('/api/defect-codes').then(list => { codes = list; render(); }).catch(e => show(e.message));
  }

  function loadChanges() {
    return qmsApi.get('/api/master-data/changes?type=defect-code&limit=50')
      .then(changes => qmsChanges.render($('changes').querySelector('tbody'), $('changes').querySelector('.empty'),
        changes, { CREATE: qms.t('created'), UPDATE: qms.t('changed'), DELETE: qms.t('deleted') }))
      .catch(e => show(e.message));
  }

  function startEdit(d) {
    editing = d.code;
    form.elements.code.value = d.code;
    form.elements.code.readOnly = true;
    form.elements.description.value = d.description;
    form.elements.category.value = d.category;
    form.elements.active.checked = d.active;
    qmsApi.clearErrors(form);
    $('form-title').textContent = qms.t('editTitle', d.code);
    form.elements.description.focus();
  }

  function reset() {
    editing = null;
    form.reset();
    form.elements.code.readOnly = false;
    qmsApi.clearErrors(form);
    $('form-title').textContent = qms.t('addTitle');
  }

  $('q').addEventListener('input', render);
  $('show-inactive').addEventListener('change', render);
  $('filters').addEventListener('submit', e => e.preventDefault());

  if (mayEdit) {
    form.querySelector('.cancel').addEventListener('click', reset);
    form.addEventListener('submit', e => {
      e.preventDefault();
      const code = form.elements.code.value.trim();
      qmsApi.clearErrors(form);
      if (!code) {
        qmsApi.showErrors(form, { problem: { errors: [{ field: 'code', message: qms.t('codeNeeded') }] } });
        return;
      }
      if (!editing && codes.some(d => d.code === code)) {
        qmsApi.showErrors(form, { problem: { errors: [{ field: 'code', message: qms.t('codeExists', code) }] } });
        return;
      }
      const body = { description: form.elements.description.value.trim(), active: form.elements.active.checked };
      if (form.elements.category.value) { body.category = form.elements.category.value; }
      qmsApi.send('PUT', '/api/defect-codes/' + encodeURIComponent(code), body)
        .then(saved => { reset(); show(qms.t('saved', saved.code), true); return Promise.all([load(), loadChanges()]); })
        .catch(error => show(qmsApi.showErrors(form, error).join(' '), false));
    });
    loadChanges();
  }
  load();
}());
