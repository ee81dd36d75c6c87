// Upload page for evidence files (templates/evidence.html): /evidence/{kind}/{number}[/{step}]. Same
// origin as Tasklist, so the browser's Camunda session authenticates the calls to /api; a change on
// the session carries the webapps' CSRF token, fetched from /api/evidence/csrf-token. Texts come from
// the page (qms.t, keys evidence.js.* of the bundles); times are shown in the plant's time zone.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var page = $('evidence').dataset;
  var number = page.number, step = page.step || null;
  // the steps' names in the page's language, by task key (EvidencePageController)
  var stepNames = JSON.parse(page.stepNames || '{}');
  var collection = page.kind === 'corrective-action' ? 'corrective-actions' : 'complaints';
  var listUrl = '/api/' + collection + '/' + encodeURIComponent(number) + '/attachments';

  function show(text, ok) {
    var m = $('message');
    m.textContent = text;
    m.className = ok ? 'ok' : 'error';
    m.hidden = !text;
  }

  function size(bytes) {
    return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + ' MB' : bytes >= 1024 ? Math.round(bytes / 1024) + ' KB' : bytes + ' B';
  }

  function problem(response) {
    return response.json().then(function (body) { return body.detail || body.message || response.statusText; },
      function () { return response.status + ' ' + response.statusText; });
  }

  // the Tasklist session's CSRF token (none when the browser authenticates with Basic credentials)
  function csrfHeaders() {
    return fetch('/api/evidence/csrf-token', { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (body) {
        var headers = {};
        if (body.token) { headers[body.headerName] = body.token; }
        return headers;
      }, function () { return {}; });
  }

  function load() {
    return fetch(listUrl, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) {
        if (!response.ok) { return problem(response).then(function (text) { throw new Error(text); }); }
        return response.json();
      })
      .then(render)
      .catch(function (e) { show(e.message, false); });
  }

  function render(files) {
    var body = $('files').querySelector('tbody');
    body.textContent = '';
    var shown = files.filter(function (f) { return !step || (f.step === step && f.ownerNumber === number); });
    shown.forEach(function (f) {
      var row = document.createElement('tr');
      row.className = 'attachment';
      var link = document.createElement('a');
      link.href = f.downloadUrl;
      link.textContent = f.name;
      var cells = [link, document.createTextNode((f.ownerNumber !== number ? f.ownerNumber + ' · ' : '') + (stepNames[f.step] || f.step)),
        document.createTextNode(f.contentType), document.createTextNode(size(f.size)),
        document.createTextNode(qms.t('uploadedBy', f.uploadedBy, qms.dateTime(f.uploadedAt)))];
      cells.forEach(function (c) { var td = document.createElement('td'); td.appendChild(c); row.appendChild(td); });
      var action = document.createElement('td');
      if (step) {
        var remove = document.createElement('button');
        remove.type = 'button';
        remove.textContent = qms.t('remove');
        remove.addEventListener('click', function () { removeFile(f); });
        action.appendChild(remove);
      }
      row.appendChild(action);
      body.appendChild(row);
    });
    $('empty').hidden = shown.length > 0;
  }

  function removeFile(f) {
    csrfHeaders()
      .then(function (headers) {
        return fetch('/api/attachments/' + f.id, { method: 'DELETE', credentials: 'same-origin', headers: headers });
      })
      .then(function (response) {
        if (!response.ok) { return problem(response).then(function (text) { throw new Error(text); }); }
        show(qms.t('removed', f.name), true);
        return load();
      })
      .catch(function (e) { show(e.message, false); });
  }

  // the upload form is on the page of one step only
  var form = $('upload');
  if (form) { form.addEventListener('submit', upload); }

  function upload(event) {
    event.preventDefault();
    var files = Array.prototype.slice.call($('file').files);
    if (!files.length) { show(qms.t('chooseFirst'), false); return; }
    var done = [], failed = [];
    var chain = files.reduce(function (previous, file) {
      return previous.then(csrfHeaders).then(function (headers) {
        var data = new FormData();
        data.append('step', step);
        data.append('file', file, file.name);
        return fetch(listUrl, { method: 'POST', body: data, credentials: 'same-origin', headers: headers })
          .then(function (response) {
            if (response.ok) { done.push(file.name); return null; }
            return problem(response).then(function (text) { failed.push(text); });
          });
      });
    }, Promise.resolve());
    chain.then(function () {
      $('file').value = '';
      show((done.length ? qms.t('uploaded', done.join(', ')) + ' ' : '') + failed.join(' '), failed.length === 0);
      return load();
    }).catch(function (e) { show(e.message, false); });
  }

  load();
}());
