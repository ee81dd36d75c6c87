// The customer list (templates/customers.html): search as you type (code or name, Chinese included),
// tier and status filters, sorting by the column headings, paging; GET /api/customers. Editors create
// a customer (POST /api/customers) and go to its page. Editors import an ERP file: the dry run
// (POST /api/customer-import/{kind}/dry-run) shows what would change and every error with row and
// column; the commit sends the same file again with the dry run's digest, so it imports exactly what
// was shown (docs/customers.md "Import and export"). Texts: customers.js.* of the bundles.
(function () {
  'use strict';
  const $ = id => document.getElementById(id);
  const SIZE = 20;
  const state = { page: 0, sort: 'code', direction: 'asc' };
  let timer = null;
  let latest = 0;

  function show(text) {
    $('message').textContent = text || '';
    $('message').className = 'message error';
    $('message').hidden = !text;
  }

  function cell(row, content) {
    const td = document.createElement('td');
    if (content instanceof Node) { td.appendChild(content); } else { td.textContent = content == null ? '' : content; }
    row.appendChild(td);
    return td;
  }

  function load() {
    const params = new URLSearchParams({ sort: state.sort + ',' + state.direction, page: state.page, size: SIZE });
    const q = $('q').value.trim();
    if (q) { params.set('q', q); }
    if ($('tier').value) { params.set('tier', $('tier').value); }
    if ($('active').value) { params.set('active', $('active').value); }
    const request = ++latest;
    qmsApi.get('/api/customers?' + params).then(result => {
      if (request !== latest) { return; } // an older answer arriving after a newer one
      show('');
      render(result);
    }).catch(e => show(e.message));
  }

  function render(result) {
    const body = $('list').querySelector('tbody');
    body.textContent = '';
    result.items.forEach(c => {
      const row = document.createElement('tr');
      row.className = 'customer' + (c.active ? '' : ' inactive');
      const link = document.createElement('a');
      link.href = '/customers/' + encodeURIComponent(c.code);
      link.textContent = c.code;
      cell(row, link);
      cell(row, c.name);
      cell(row, c.address);
      cell(row, c.phone);
      const tier = cell(row, c.tier);
      tier.className = 'tier tier-' + c.tier;
      cell(row, c.rank == null ? '' : qms.t('rankOfYear', c.rank, c.tierYear));
      cell(row, c.active ? qms.t('active') : qms.t('inactive'));
      body.appendChild(row);
    });
    $('empty').hidden = result.items.length > 0;
    const pages = Math.max(1, Math.ceil(result.total / result.size));
    $('position').textContent = qms.t('position', result.page + 1, pages, result.total);
    $('previous').disabled = result.page === 0;
    $('next').disabled = result.page + 1 >= pages;
    document.querySelectorAll('button.sort').forEach(b => {
      const current = b.dataset.sort === state.sort;
      b.closest('th').setAttribute('aria-sort', current ? (state.direction === 'asc' ? 'ascending' : 'descending') : 'none');
      b.classList.toggle('sorted', current);
    });
  }

  $('q').addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { state.page = 0; load(); }, 200);
  });
  $('filters').addEventListener('submit', e => { e.preventDefault(); state.page = 0; load(); });
  ['tier', 'active'].forEach(id => $(id).addEventListener('change', () => { state.page = 0; load(); }));
  $('previous').addEventListener('click', () => { state.page--; load(); });
  $('next').addEventListener('click', () => { state.page++; load(); });
  document.querySelectorAll('button.sort').forEach(b => b.addEventListener('click', () => {
    state.direction = state.sort === b.dataset.sort && state.direction === 'asc' ? 'desc' : 'asc';
    state.sort = b.dataset.sort;
    state.page = 0;
    load();
  }));

  const form = $('new-customer');
  if (form) {
    form.addEventListener('submit', e => {
      e.preventDefault();
      const body = {};
      ['code', 'name', 'address', 'phone'].forEach(f => {
        const value = form.elements[f].value.trim();
        if (value) { body[f] = value; }
      });
      qmsApi.send('POST', '/api/customers', body)
        .then(created => { window.location.href = '/customers/' + encodeURIComponent(created.code); })
        .catch(error => {
          const rest = qmsApi.showErrors(form, error);
          show(rest.join(' '));
        });
    });
  }

  // ---- import of an ERP file: dry run, then commit ------------------------------------------------
  const importForm = $('import-form');
  const SHOWN = 500; // rows of a list shown at most; the counts say how many there are
  let checked = null; // {kind, file, digest} of the last dry run without errors, which Import commits

  function importText(id, text, kind) {
    const place = $(id);
    place.textContent = text;
    place.className = 'message' + (kind ? ' ' + kind : '');
  }

  function resetImport() {
    checked = null;
    $('import-commit').disabled = true;
    $('import-result').hidden = true;
    qmsApi.clearErrors(importForm);
  }

  function fillTable(id, rows, build) {
    const body = $(id).querySelector('tbody');
    body.textContent = '';
    rows.slice(0, SHOWN).forEach(item => {
      const row = document.createElement('tr');
      build(row, item);
      body.appendChild(row);
    });
    $(id + '-block').hidden = rows.length === 0;
  }

  function oldToNew(oldValue, newValue) {
    const span = document.createElement('span');
    if (oldValue != null && oldValue !== '') {
      const old = document.createElement('span');
      old.className = 'old';
      old.textContent = oldValue;
      span.append(old, ' → ');
    }
    const value = document.createElement('span');
    value.className = 'new';
    value.textContent = newValue == null || newValue === '' ? qms.t('import.empty') : newValue;
    span.appendChild(value);
    return span;
  }

  function showErrorRows(errors) {
    fillTable('import-errors', errors, (row, e) => {
      cell(row, e.row);
      cell(row, e.column ? (e.header ? e.column + ' (' + e.header + ')' : e.column) : qms.t('import.wholeRow'));
      cell(row, e.message);
    });
  }

  function showChanges(changes) {
    fillTable('import-changes', changes, (row, c) => {
      cell(row, c.row);
      cell(row, c.key);
      cell(row, qms.t('import.status.' + c.status));
      const fields = document.createElement('div');
      c.fields.forEach(f => {
        const line = document.createElement('span');
        line.className = 'change';
        const column = document.createElement('span');
        column.className = 'column';
        column.textContent = f.column + ': ';
        line.append(column, oldToNew(f.oldValue, f.newValue));
        fields.appendChild(line);
      });
      cell(row, fields);
    });
  }

  function showTierChanges(tiers) {
    fillTable('import-tiers', tiers, (row, t) => {
      row.className = 'tier-change';
      cell(row, t.code);
      cell(row, t.year);
      const tier = cell(row, oldToNew(t.oldTier, t.newTier));
      tier.dataset.newTier = t.newTier;
      cell(row, oldToNew(t.oldRank, t.newRank));
    });
  }

  function fileLine(result) {
    const format = result.format === 'xlsx' ? qms.t('import.formatXlsx', result.sheet || '')
      : qms.t('import.formatCsv', result.encoding || '');
    return qms.t('import.file', result.fileName, format, result.rows);
  }

  function showResult(result) {
    $('import-result').hidden = false;
    $('import-tiers-block').hidden = true;
    const counts = qms.t('import.counts', result.created, result.changed, result.unchanged, result.errorCount);
    const more = [];
    if (result.errorCount > result.errors.length) { more.push(qms.t('import.moreErrors', result.errors.length, result.errorCount)); }
    if (result.errors.length > SHOWN) { more.push(qms.t('import.shownErrors', SHOWN, result.errors.length)); }
    if (result.changes.length > SHOWN) { more.push(qms.t('import.shownChanges', SHOWN, result.changes.length)); }
    showErrorRows(result.errors);
    showChanges(result.changes);
    if (result.committed) {
      const tiers = result.tierChanges || [];
      showTierChanges(tiers);
      if (tiers.length > SHOWN) { more.push(qms.t('import.shownTiers', SHOWN, tiers.length)); }
      importText('import-summary', fileLine(result) + ' ' + qms.t('import.done', result.created, result.changed, result.unchanged)
        + ' ' + (tiers.length ? qms.t('import.tiersChanged', tiers.length) : qms.t('import.noTierChanged')), 'ok');
    } else if (result.errorCount > 0) {
      importText('import-summary', fileLine(result) + ' ' + counts + ' ' + qms.t('import.fix'), 'error');
    } else if (result.created + result.changed === 0) {
      importText('import-summary', fileLine(result) + ' ' + counts + ' ' + qms.t('import.nothing'), 'ok');
    } else {
      importText('import-summary', fileLine(result) + ' ' + counts + ' ' + qms.t('import.ready'), 'ok');
    }
    $('import-more').textContent = more.join(' ');
    $('import-more').hidden = more.length === 0;
    $('import-result').dataset.state = result.committed ? 'committed' : result.errorCount > 0 ? 'errors' : 'checked';
  }

  // a refusal of the file as a whole (too large, not what its name says, missing) belongs to the file
  // field; a commit that finds errors lists them; anything else is said above the result
  function showFailure(error) {
    $('import-result').dataset.state = 'failed';
    const fileProblem = error.status === 413 || error.status === 415;
    const rest = qmsApi.showErrors(importForm, error);
    if (!rest.length && !fileProblem) { $('import-result').hidden = true; } // all at their fields
    const rowErrors = ((error.problem && error.problem.errors) || []).filter(e => e.field !== 'file');
    if (fileProblem) {
      $('import-result').hidden = true;
      const place = importForm.querySelector('[data-error-for="file"]');
      place.textContent = error.message;
      place.hidden = false;
      $('import-file').setAttribute('aria-invalid', 'true');
      return;
    }
    if (rowErrors.length) {
      $('import-result').hidden = false;
      $('import-changes-block').hidden = true;
      $('import-tiers-block').hidden = true;
      $('import-more').hidden = true;
      showErrorRows(rowErrors.map(e => {
        const at = /^([A-Z]+)(\d+)$/.exec(e.field) || /^row (\d+)$/.exec(e.field);
        return { row: at ? at[at.length - 1] : '', column: at && at.length === 3 ? at[1] : null, message: e.message };
      }));
      importText('import-summary', qms.t('import.commitRefused', error.message), 'error');
      return;
    }
    if (rest.length) {
      $('import-result').hidden = false;
      ['import-errors-block', 'import-changes-block', 'import-tiers-block', 'import-more'].forEach(id => { $(id).hidden = true; });
      importText('import-summary', rest.join(' '), 'error');
    }
  }

  function kindChanged() {
    const kind = $('import-kind').value;
    $('template-xlsx').href = '/api/customer-import/templates/' + kind + '?format=xlsx';
    $('template-csv').href = '/api/customer-import/templates/' + kind + '?format=csv';
    $('import-kind-hint-customers').hidden = kind !== 'customers';
    $('import-kind-hint-revenue').hidden = kind !== 'revenue';
    resetImport();
  }

  function busy(on) {
    $('import-check').disabled = on;
    $('import-commit').disabled = on || checked === null;
    importForm.setAttribute('aria-busy', String(on));
  }

  function upload(kind, file, digest) {
    const data = new FormData();
    data.append('file', file, file.name);
    if (digest) { data.append('digest', digest); }
    return qmsApi.upload('/api/customer-import/' + kind + (digest ? '' : '/dry-run'), data);
  }

  if (importForm) {
    $('import-kind').addEventListener('change', kindChanged);
    $('import-file').addEventListener('change', resetImport);
    importForm.addEventListener('submit', e => {
      e.preventDefault();
      resetImport();
      const file = $('import-file').files[0];
      if (!file) {
        showFailure({ status: 400, message: qms.t('import.chooseFile'), problem: { errors: [{ field: 'file', message: qms.t('import.chooseFile') }] } });
        return;
      }
      const kind = $('import-kind').value;
      busy(true);
      $('import-result').hidden = false;
      ['import-errors-block', 'import-changes-block', 'import-tiers-block', 'import-more'].forEach(id => { $(id).hidden = true; });
      importText('import-summary', qms.t('import.checking', file.name), '');
      upload(kind, file, null).then(result => {
        if (result.errorCount === 0 && result.digest && result.created + result.changed > 0) {
          checked = { kind, file, digest: result.digest };
        }
        showResult(result);
      }).catch(showFailure).finally(() => busy(false));
    });
    $('import-commit').addEventListener('click', () => {
      if (!checked) { return; }
      const commit = checked;
      busy(true);
      importText('import-summary', qms.t('import.importing', commit.file.name), '');
      upload(commit.kind, commit.file, commit.digest).then(result => {
        checked = null;
        showResult(result);
        load(); // the list shows the new customers and tiers
      }).catch(error => {
        checked = null;
        showFailure(error);
      }).finally(() => busy(false));
    });
    kindChanged();
  }

  load();
}());
