// The working-day calendar (templates/calendar.html): the days of a year that differ from Monday to
// Friday (GET /api/calendar/{year}): public holidays and swapped working weekend days. Administrators
// set a day (PUT /api/calendar/days/{date}), remove one (DELETE) and see the change log. Texts:
// calendar.js.* of the bundles.
(function () {
  'use strict';
  const $ = id => document.getElementById(id);
  const mayEdit = $('calendar').dataset.mayEdit === 'true';
  const form = $('day-form');
  let year = Number(qms.dateTime(new Date()).substring(0, 4));

  function show(text, ok) {
    const m = $('message');
    m.textContent = text || '';
    m.className = 'message ' + (ok ? 'ok' : 'error');
    m.hidden = !text;
  }

  function weekday(date) {
    const names = [qms.t('sunday'), qms.t('monday'), qms.t('tuesday'), qms.t('wednesday'), qms.t('thursday'),
      qms.t('friday'), qms.t('saturday')];
    return names[new Date(date + 'T12:00:00Z').getUTCDay()];
  }

  function load() {
    $('year').textContent = String(year);
    return qmsApi.get('/api/calendar/' + year).then(days => {
      const body = $('days').querySelector('tbody');
      body.textContent = '';
      days.forEach(d => {
        const row = document.createElement('tr');
        row.className = 'day ' + d.kind.toLowerCase();
        [d.day, weekday(d.day), d.kind === 'HOLIDAY' ? qms.t('holiday') : qms.t('workday'), d.name,
          d.provisional ? qms.t('yes') : ''].forEach(v => {
          const td = document.createElement('td');
          td.textContent = v;
          row.appendChild(td);
        });
        if (mayEdit) {
          const td = document.createElement('td');
          const remove = document.createElement('button');
          remove.type = 'button';
          remove.textContent = qms.t('remove');
          remove.addEventListener('click', () => removeDay(d));
          td.appendChild(remove);
          row.appendChild(td);
        }
        body.appendChild(row);
      });
      $('unknown').hidden = days.length > 0;
      $('unknown').textContent = qms.t('unknownYear', year);
    }).catch(e => show(e.message));
  }

  function loadChanges() {
    return qmsApi.get('/api/master-data/changes?type=calendar-day&limit=50')
      .then(changes => qmsChanges.render($('changes').querySelector('tbody'), $('changes').querySelector('.empty'),
        changes, { CREATE: qms.t('created'), UPDATE: qms.t('changed'), DELETE: qms.t('deleted') }))
      .catch(e => show(e.message));
  }

  function removeDay(d) {
    if (!window.confirm(qms.t('confirmRemove', d.day, d.name))) { return; }
    qmsApi.send('DELETE', '/api/calendar/days/' + d.day)
      .then(() => { show(qms.t('removed', d.day), true); return Promise.all([load(), loadChanges()]); })
      .catch(e => show(e.message, false));
  }

  $('previous').addEventListener('click', () => { year--; load(); });
  $('next').addEventListener('click', () => { year++; load(); });

  if (mayEdit) {
    form.addEventListener('submit', e => {
      e.preventDefault();
      qmsApi.clearErrors(form);
      const date = form.elements.date.value;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
        qmsApi.showErrors(form, { problem: { errors: [{ field: 'date', message: qms.t('dateNeeded') }] } });
        return;
      }
      qmsApi.send('PUT', '/api/calendar/days/' + date, { kind: form.elements.kind.value, name: form.elements.name.value.trim() })
        .then(saved => {
          form.reset();
          show(qms.t('saved', saved.day), true);
          year = Number(saved.day.substring(0, 4));
          return Promise.all([load(), loadChanges()]);
        })
        .catch(error => show(qmsApi.showErrors(form, error).join(' '), false));
    });
    loadChanges();
  }
  load();
}());
