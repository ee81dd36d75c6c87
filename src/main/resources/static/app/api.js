/*
 * Calls of the master-data pages (customers, registration, defect catalog, calendar) to the project's
 * API in the same origin, so the browser's Tasklist session authenticates them. Loaded after shell.js.
 *   qmsApi.get(url)                    JSON of a GET; rejects with an ApiError
 *   qmsApi.send(method, url, body)     a change with the session's CSRF token (from
 *                                      /api/evidence/csrf-token); JSON body; resolves to the JSON answer
 *                                      (null for 204)
 *   qmsApi.upload(url, formData)       a multipart change with the CSRF token
 *   qmsApi.showErrors(form, error)     puts each field error of a problem (RFC 9457 errors[]) next to its
 *                                      field (an element [data-error-for="field"] in the form) and marks
 *                                      the field invalid; returns the messages that have no such place
 *   qmsApi.clearErrors(form)
 * An ApiError has status, problem (the problem+json body, if any) and message (its detail or title,
 * already in the user's language: the server answers in the language of Accept-Language).
 */
(function () {
  'use strict';

  class ApiError extends Error {
    constructor(status, problem, fallback) {
      super((problem && (problem.detail || problem.title)) || fallback);
      this.status = status;
      this.problem = problem || null;
    }
  }

  function answer(response) {
    if (response.status === 204) {
      return null;
    }
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? response.json() : Promise.resolve(null);
    return body.then(json => {
      if (!response.ok) {
        throw new ApiError(response.status, json, response.status + ' ' + response.statusText);
      }
      return json;
    });
  }

  function get(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(answer);
  }

  function csrfHeaders() {
    return fetch('/api/evidence/csrf-token', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(response => (response.ok ? response.json() : {}), () => ({}))
      .then(body => (body.token ? { [body.headerName]: body.token } : {}));
  }

  function send(method, url, body) {
    return csrfHeaders().then(headers => {
      const options = { method, credentials: 'same-origin', headers: Object.assign({ Accept: 'application/json' }, headers) };
      if (body !== undefined) {
        options.headers['Content-Type'] = 'application/json';
        options.body = JSON.stringify(body);
      }
      return fetch(url, options).then(answer);
    });
  }

  function upload(url, data) {
    return csrfHeaders().then(headers =>
      fetch(url, { method: 'POST', credentials: 'same-origin', body: data,
        headers: Object.assign({ Accept: 'application/json' }, headers) }).then(answer));
  }

  function clearErrors(form) {
    form.querySelectorAll('[data-error-for]').forEach(place => { place.textContent = ''; place.hidden = true; });
    form.querySelectorAll('[aria-invalid]').forEach(field => field.removeAttribute('aria-invalid'));
  }

  function showErrors(form, error) {
    clearErrors(form);
    const errors = (error.problem && error.problem.errors) || [];
    const elsewhere = [];
    errors.forEach(e => {
      const place = form.querySelector('[data-error-for="' + CSS.escape(e.field) + '"]');
      if (!place) {
        elsewhere.push(e.message);
        return;
      }
      place.textContent = place.textContent ? place.textContent + ' ' + e.message : e.message;
      place.hidden = false;
      const field = form.querySelector('[name="' + CSS.escape(e.field) + '"]');
      if (field) {
        field.setAttribute('aria-invalid', 'true');
      }
    });
    if (!errors.length) {
      elsewhere.push(error.message);
    }
    const first = form.querySelector('[aria-invalid="true"]');
    if (first) {
      first.focus();
    }
    return elsewhere;
  }

  window.qmsApi = { get, send, upload, showErrors, clearErrors, ApiError };
}());
