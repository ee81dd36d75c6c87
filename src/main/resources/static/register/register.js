/*
 * The register pages (/complaints/, /corrective-actions/, /changes/; templates/register.html): reads
 * one page of rows from GET /api/<register> with the filters of the form (the address keeps them,
 * so a filtered list can be bookmarked), links each row to its record page, offers the filtered
 * list as .xlsx and CSV, and keeps the user's saved views (/api/register-views). Texts come from
 * the page (qms.t), times are shown in plant time (qms.dateTime).
 */
(function () {
  'use strict';

  const COLUMNS = {
    'complaints': [
      ['number', r => r.number, 'link'],
      ['received', r => qms.dateTime(r.receivedAt), 'time'],
      ['customer', r => r.customerCode + (r.customerName ? ' · ' + r.customerName : '')],
      ['tier', r => r.tier],
      ['product', r => [r.productName, r.productModel].filter(Boolean).join(' · ')],
      ['batch', r => r.batchNumber],
      ['defect', r => r.defectCode],
      ['category', r => value('category.', r.category)],
      ['severity', r => value('severity.', r.severity)],
      ['responsibleDepartment', r => value('department.', r.responsibleDepartment)],
      ['status', r => value('status.', r.status), 'status'],
      ['closed', r => qms.dateTime(r.closedAt), 'time']
    ],
    'corrective-actions': [
      ['number', r => r.number, 'link'],
      ['raised', r => qms.dateTime(r.raisedAt), 'time'],
      ['complaint', r => r.complaintNumber, 'complaint'],
      ['title', r => r.problemTitle],
      ['status', r => value('status.', r.status), 'status'],
      ['closed', r => qms.dateTime(r.closedAt), 'time']
    ],
    'changes': [
      ['number', r => r.number, 'link'],
      ['raised', r => qms.dateTime(r.raisedAt), 'time'],
      ['changeType', r => value('changeType.', r.changeType)],
      ['customer', r => r.customerCode ? r.customerCode + (r.customerName ? ' · ' + r.customerName : '') : ''],
      ['contract', r => r.contractReference],
      ['state', r => value('state.', r.state), 'status'],
      ['closed', r => qms.dateTime(r.closedAt), 'time']
    ]
  };

  const main = document.getElementById('register');
  const register = main.dataset.register;
  const recordPath = main.dataset.record;
  const form = document.getElementById('filters');
  const columns = COLUMNS[register];
  let values = null;
  let page = 0;
  let views = [];

  function value(prefix, code) {
    if (code === null || code === undefined || code === '') {
      return '';
    }
    if (values === null) {
      values = JSON.parse(document.getElementById('value-texts').textContent);
    }
    return values[prefix + code] || code;
  }

  function filters() {
    const params = new URLSearchParams();
    for (const element of form.elements) {
      if (element.name && element.value.trim() !== '') {
        params.set(element.name, element.value.trim());
      }
    }
    return params;
  }

  let applying = false;

  function show(params) {
    applying = true;
    form.reset();
    applying = false;
    for (const [name, v] of params) {
      const element = form.elements.namedItem(name);
      if (element) {
        element.value = v;
      }
    }
    page = Number(params.get('page') || 0);
  }

  function failure(text) {
    document.getElementById('failure-message').textContent = text;
    document.getElementById('failure').hidden = !text;
  }

  /** The text of a problem+json answer: its detail and the field errors. */
  function problem(response) {
    return response.json().then(p => {
      const fields = (p.errors || []).map(e => e.message).join('; ');
      return [p.detail || p.title || response.status, fields].filter(Boolean).join(': ');
    }, () => qms.t('failed', response.status));
  }

  function load() {
    const params = filters();
    if (page > 0) {
      params.set('page', page);
    }
    history.replaceState(null, '', '?' + params.toString());
    const exportParams = filters().toString();
    document.getElementById('export-xlsx').href = '/api/' + register + '/export.xlsx?' + exportParams;
    document.getElementById('export-csv').href = '/api/' + register + '/export.csv?' + exportParams;
    return fetch('/api/' + register + '?' + params.toString(),
      { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(response => {
        if (!response.ok) {
          return problem(response).then(text => { throw new Error(text); });
        }
        return response.json();
      })
      .then(render, error => { failure(error.message); render({ items: [], total: 0, page: 0, size: 50 }); });
  }

  function render(result) {
    if (result.items.length || result.total === 0) {
      failure('');
    }
    const head = document.querySelector('#rows thead');
    const body = document.querySelector('#rows tbody');
    head.replaceChildren(row('th', columns.map(c => qms.t('col.' + c[0]))));
    body.replaceChildren();
    for (const item of result.items) {
      const tr = document.createElement('tr');
      tr.dataset.number = item.number;
      if (item.overdue) { tr.classList.add('overdue'); }
      if (item.escalated) { tr.classList.add('escalated'); }
      for (const [, get, kind] of columns) {
        const td = document.createElement('td');
        const text = get(item) ?? '';
        if (kind === 'link') {
          const a = document.createElement('a');
          a.href = recordPath + encodeURIComponent(item.number);
          a.textContent = text;
          td.append(a);
        } else if (kind === 'complaint' && text) {
          const a = document.createElement('a');
          a.href = '/complaints/' + encodeURIComponent(text);
          a.textContent = text;
          td.append(a);
        } else {
          td.textContent = text;
        }
        if (kind === 'link' || kind === 'time' || kind === 'complaint') {
          td.className = 'nowrap';
        }
        if (kind === 'status') {
          if (item.overdue) { td.append(' ', flag('overdue')); }
          if (item.escalated) { td.append(' ', flag('escalated')); }
        }
        tr.append(td);
      }
      body.append(tr);
    }
    if (result.items.length === 0) {
      const tr = document.createElement('tr');
      const td = document.createElement('td');
      td.colSpan = columns.length;
      td.className = 'empty';
      td.textContent = qms.t('empty');
      tr.append(td);
      body.append(tr);
    }
    const pages = Math.max(1, Math.ceil(result.total / result.size));
    document.getElementById('summary').textContent = qms.t('summary', result.total);
    document.getElementById('page').textContent = qms.t('page', result.page + 1, pages);
    document.getElementById('previous').disabled = result.page <= 0;
    document.getElementById('next').disabled = result.page + 1 >= pages;
  }

  function flag(kind) {
    const span = document.createElement('span');
    span.className = 'flag ' + kind;
    span.textContent = qms.t(kind);
    return span;
  }

  function row(cell, texts) {
    const tr = document.createElement('tr');
    for (const text of texts) {
      const c = document.createElement(cell);
      c.textContent = text;
      tr.append(c);
    }
    return tr;
  }

  // ---- saved views -------------------------------------------------------------------------
  function csrfHeaders() {
    return fetch('/api/evidence/csrf-token', { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(r => (r.ok ? r.json() : {}))
      .then(t => {
        const headers = { 'Accept': 'application/json', 'Content-Type': 'application/json' };
        if (t && t.token) {
          headers[t.headerName] = t.token;
        }
        return headers;
      });
  }

  function viewMessage(text) {
    document.getElementById('view-message').textContent = text;
  }

  function loadViews(selected) {
    return fetch('/api/register-views?register=' + encodeURIComponent(register),
      { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(r => (r.ok ? r.json() : []))
      .then(list => {
        views = list;
        const select = document.getElementById('view-select');
        select.replaceChildren(select.options[0]);
        for (const v of views) {
          const option = document.createElement('option');
          option.value = v.id;
          option.textContent = v.name;
          option.selected = String(v.id) === String(selected);
          select.append(option);
        }
        document.getElementById('view-delete').disabled = !select.value;
      });
  }

  document.getElementById('view-select').addEventListener('change', event => {
    const view = views.find(v => String(v.id) === event.target.value);
    document.getElementById('view-delete').disabled = !view;
    if (view) {
      show(new URLSearchParams(view.filters));
      page = 0;
      load();
    }
  });

  document.getElementById('view-save').addEventListener('click', () => {
    const name = document.getElementById('view-name').value.trim();
    if (!name) {
      viewMessage(qms.t('nameFirst'));
      return;
    }
    csrfHeaders()
      .then(headers => fetch('/api/register-views', { method: 'POST', credentials: 'same-origin', headers,
        body: JSON.stringify({ register, name, filters: filters().toString() }) }))
      .then(r => (r.ok ? r.json().then(v => { viewMessage(qms.t('viewSaved', v.name));
        document.getElementById('view-name').value = ''; return loadViews(v.id); })
        : problem(r).then(viewMessage)));
  });

  document.getElementById('view-delete').addEventListener('click', () => {
    const select = document.getElementById('view-select');
    const view = views.find(v => String(v.id) === select.value);
    if (!view) {
      return;
    }
    csrfHeaders()
      .then(headers => fetch('/api/register-views/' + view.id, { method: 'DELETE', credentials: 'same-origin', headers }))
      .then(r => (r.ok ? loadViews().then(() => viewMessage(qms.t('viewDeleted', view.name)))
        : problem(r).then(viewMessage)));
  });

  // ---- filters and paging ------------------------------------------------------------------
  form.addEventListener('submit', event => {
    event.preventDefault();
    page = 0;
    load();
  });
  form.addEventListener('reset', () => {
    if (!applying) {
      setTimeout(() => { page = 0; load(); }, 0);
    }
  });
  form.elements.namedItem('sort').addEventListener('change', () => { page = 0; load(); });
  document.getElementById('previous').addEventListener('click', () => { page = Math.max(0, page - 1); load(); });
  document.getElementById('next').addEventListener('click', () => { page += 1; load(); });

  show(new URLSearchParams(location.search));
  load();
  loadViews();
}());
