// The customer list (templates/customers.html): search as you type (code or name, Chinese included),
// tier and status filters, sorting by the column headings, paging; GET /api/customers. Editors create
// a customer (POST /api/customers) and go to its page. Texts: customers.js.* of the bundles.
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

  load();
}());
