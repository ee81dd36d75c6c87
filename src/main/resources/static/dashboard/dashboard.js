/*
 * The management dashboards (templates/dashboard.html): reads each figure from /api/dashboard/{figure}
 * with the Camunda webapp session (same origin) and draws it with Apache ECharts (vendor/echarts,
 * served by the application). Texts come from the page (qms.t, keys dashboard.js.* of the bundles).
 */
(function () {
  'use strict';

  const API = '/api/dashboard';
  const TIER_ORDER = ['A', 'B', 'C', '-'];
  const SOURCE_ORDER = ['COMPLAINT', 'CAMPAIGN'];
  const SCORE_COLOURS = ['#c23531', '#e98f6f', '#d9d9d9', '#91cc75', '#3ba272'];
  const charts = {};

  const $ = id => document.getElementById(id);
  const t = (key, ...args) => qms.t(key, ...args);
  const show = id => { $(id).hidden = false; };

  function chart(id) {
    if (!charts[id]) {
      charts[id] = echarts.init($(id));
    }
    return charts[id];
  }

  function draw(id, rows, option) {
    const c = chart(id);
    c.clear();
    if (!rows.length) {
      c.setOption({ title: { text: t('noData'), left: 'center', top: 'middle',
        textStyle: { color: '#999', fontSize: 14, fontWeight: 'normal' } } });
      return;
    }
    c.setOption(option);
  }

  function query(extra) {
    const params = new URLSearchParams();
    for (const name of ['month', 'tier', 'category', 'department', 'source']) {
      const value = $(name).value;
      if (value) {
        params.set(name, value);
      }
    }
    if (extra) {
      params.set('format', extra);
    }
    return params.toString();
  }

  async function load(figure) {
    const response = await fetch(API + '/' + figure + '?' + query(), {
      credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      throw new Error(figure + ': HTTP ' + response.status + ' ' + (body.detail || ''));
    }
    return response.json();
  }

  function monthsOf(figure) {
    const months = [];
    let [y, m] = figure.from.split('-').map(Number);
    const [ty, tm] = figure.to.split('-').map(Number);
    while (y < ty || (y === ty && m <= tm)) {
      months.push(y + '-' + String(m).padStart(2, '0'));
      m += 1;
      if (m > 12) { m = 1; y += 1; }
    }
    return months;
  }

  function sumBy(rows, key, fields) {
    const groups = new Map();
    for (const row of rows) {
      const k = key(row);
      const acc = groups.get(k) || Object.fromEntries(fields.map(f => [f, 0]));
      fields.forEach(f => { acc[f] += row[f] || 0; });
      groups.set(k, acc);
    }
    return groups;
  }

  const rate = (part, whole) => (whole ? Math.round(part * 1000 / whole) / 10 : null);
  const percentAxis = { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } };

  // --- figures ---------------------------------------------------------------------------------

  function onTime(figure) {
    const months = monthsOf(figure);
    const steps = [...new Set(figure.rows.map(r => r.step))];
    const byStepMonth = sumBy(figure.rows, r => r.step + '|' + r.month, ['completed', 'onTime']);
    draw('chart-on-time-trend', figure.rows, {
      tooltip: { trigger: 'axis', valueFormatter: v => (v == null ? '–' : v + ' %') },
      legend: { type: 'scroll', top: 0 },
      grid: { top: 40, left: 50, right: 20, bottom: 30 },
      xAxis: { type: 'category', data: months },
      yAxis: percentAxis,
      series: steps.map(step => ({
        name: step, type: 'line', connectNulls: true,
        data: months.map(m => {
          const g = byStepMonth.get(step + '|' + m);
          return g ? rate(g.onTime, g.completed) : null;
        })
      }))
    });
    const current = figure.rows.filter(r => r.month === figure.month);
    const departments = [...new Set(current.map(r => r.department))].sort();
    const tiers = TIER_ORDER.filter(t => current.some(r => r.tier === t));
    const byDeptTier = sumBy(current, r => r.department + '|' + r.tier, ['completed', 'onTime']);
    draw('chart-on-time-month', current, {
      tooltip: { trigger: 'item', formatter: p => {
        const g = byDeptTier.get(p.name + '|' + p.seriesId);
        return p.name + ', ' + p.seriesName + ': ' + p.value + ' % (' + t('onTimeOf', g.onTime, g.completed) + ')';
      } },
      legend: { top: 0 },
      grid: { top: 40, left: 50, right: 20, bottom: 30 },
      xAxis: { type: 'category', data: departments },
      yAxis: percentAxis,
      series: tiers.map(tier => ({
        id: tier, name: tier === '-' ? t('noTier') : t('tier', tier), type: 'bar', label: { show: true, position: 'top', formatter: '{c}%' },
        data: departments.map(d => {
          const g = byDeptTier.get(d + '|' + tier);
          return g ? rate(g.onTime, g.completed) : null;
        })
      }))
    });
  }

  function pareto(figure) {
    draw('chart-pareto', figure.rows, {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { top: 40, left: 20, right: 20, bottom: 10, containLabel: true },
      xAxis: { type: 'category', data: figure.rows.map(r => r.defectCode), axisLabel: { rotate: 30 } },
      yAxis: [{ type: 'value', name: t('complaintsAxis'), minInterval: 1 }, Object.assign({ name: t('cumulativeAxis') }, percentAxis)],
      series: [
        { name: t('complaints'), type: 'bar', data: figure.rows.map(r => r.complaints), label: { show: true, position: 'top' } },
        { name: t('cumulativePercent'), type: 'line', yAxisIndex: 1, data: figure.rows.map(r => r.cumulativePercent),
          label: { show: true, formatter: '{c}%' } }
      ]
    });
  }

  function intake(figure) {
    draw('chart-intake', figure.rows, {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { top: 40, left: 40, right: 20, bottom: 30 },
      xAxis: { type: 'category', data: figure.rows.map(r => r.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('received'), type: 'bar', data: figure.rows.map(r => r.received) },
        { name: t('closed'), type: 'bar', data: figure.rows.map(r => r.closed) },
        { name: t('openAtMonthEnd'), type: 'line', data: figure.rows.map(r => r.openAtMonthEnd) }
      ]
    });
  }

  function customerDecisions(figure) {
    draw('chart-customer-decisions', figure.rows, {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { top: 40, left: 40, right: 20, bottom: 30 },
      xAxis: { type: 'category', data: figure.rows.map(r => r.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('accepted'), type: 'bar', stack: 'decisions', data: figure.rows.map(r => r.accepted) },
        { name: t('acceptedByDefault'), type: 'bar', stack: 'decisions', data: figure.rows.map(r => r.acceptedByDefault) },
        { name: t('rejected'), type: 'bar', stack: 'decisions', itemStyle: { color: '#b5152b' }, data: figure.rows.map(r => r.rejected) }
      ]
    });
  }

  function openTasks(figure) {
    const groups = figure.rows.map(r => r.group);
    const buckets = ['ageUnder1Day', 'age1To3Days', 'age3To7Days', 'ageOver7Days'];
    draw('chart-open', figure.rows, {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { top: 40, left: 40, right: 20, bottom: 30 },
      xAxis: { type: 'category', data: groups },
      yAxis: { type: 'value', minInterval: 1 },
      series: buckets.map(key => ({ name: t('openAged', t(key)), type: 'bar', stack: 'age',
        data: figure.rows.map(r => r[key]) }))
        .concat([{ name: t('overdue'), type: 'bar', itemStyle: { color: '#b5152b' }, data: figure.rows.map(r => r.overdue) }])
    });
    const table = $('table-open');
    table.innerHTML = '';
    const head = table.insertRow();
    ['columnGroup', 'columnOpen', 'columnOverdue', 'ageUnder1Day', 'age1To3Days', 'age3To7Days', 'ageOver7Days',
      'columnOldest', 'columnMostOverdue'].map(key => t(key))
      .forEach(text => { const th = document.createElement('th'); th.textContent = text; head.appendChild(th); });
    for (const r of figure.rows) {
      const row = table.insertRow();
      [r.group, r.open, r.overdue, r.ageUnder1Day, r.age1To3Days, r.age3To7Days, r.ageOver7Days, r.oldestAgeDays,
        r.mostOverdueDays].forEach((value, i) => {
        const cell = row.insertCell();
        cell.textContent = value == null ? '–' : value;
        if ((i === 2 || i === 8) && value) {
          cell.className = 'overdue';
        }
      });
    }
  }

  // answers after a complaint and of the yearly campaign, each on its own (issue 20.4)
  function satisfactionSources(figure) {
    const sources = SOURCE_ORDER.filter(s => figure.rows.some(r => r.source === s));
    const totals = sumBy(figure.rows, r => r.source, ['answers', 'score1', 'score2', 'score4', 'score5']);
    const month = sumBy(figure.rows.filter(r => r.month === figure.month), r => r.source, ['answers']);
    table('table-satisfaction-sources', sources.map(source => Object.assign({ source }, totals.get(source))), [
      { key: 'columnSource', value: r => t('source_' + r.source) },
      { key: 'columnAnswersMonth', value: r => (month.get(r.source) || { answers: 0 }).answers },
      { key: 'columnAnswersYear', value: r => r.answers },
      { key: 'columnSatisfied', value: r => rate(r.score4 + r.score5, r.answers) + ' %' },
      { key: 'columnDissatisfied', value: r => rate(r.score1 + r.score2, r.answers) + ' %' }
    ]);
  }

  function satisfaction(figure) {
    satisfactionSources(figure);
    const key = r => t('sourceTierAspect', t('source_' + r.source), r.tier, r.aspect);
    const totals = sumBy(figure.rows, key, ['answers', 'score1', 'score2', 'score3', 'score4', 'score5']);
    const categories = [...totals.keys()].sort();
    // a bar per source, tier and aspect: the chart grows with them
    $('chart-satisfaction').style.height = Math.max(380, categories.length * 22 + 80) + 'px';
    chart('chart-satisfaction').resize();
    draw('chart-satisfaction', figure.rows, {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: items => items[0].name + '<br>'
        + items.map(p => p.marker + p.seriesName + ': ' + totals.get(p.name)[p.seriesId] + ' (' + p.value + ' %)').join('<br>')
        + '<br>' + t('answers', totals.get(items[0].name).answers) },
      legend: { top: 0 },
      grid: { top: 40, left: 260, right: 30, bottom: 30 },
      xAxis: percentAxis,
      yAxis: { type: 'category', data: categories },
      series: [1, 2, 3, 4, 5].map(score => ({
        id: 'score' + score, name: t('score', score), type: 'bar', stack: 'share', color: SCORE_COLOURS[score - 1],
        data: categories.map(c => rate(totals.get(c)['score' + score], totals.get(c).answers))
      }))
    });
    const months = monthsOf(figure);
    // one line per aspect and source: a manager sees both sources separately
    const line = r => t('aspectSource', r.aspect, t('source_' + r.source));
    const aspects = [...new Set(figure.rows.map(line))].sort();
    const byAspectMonth = new Map();
    for (const r of figure.rows) {
      const k = line(r) + '|' + r.month;
      const acc = byAspectMonth.get(k) || { answers: 0, satisfied: 0 };
      acc.answers += r.answers;
      acc.satisfied += r.score4 + r.score5;
      byAspectMonth.set(k, acc);
    }
    draw('chart-satisfaction-trend', figure.rows, {
      tooltip: { trigger: 'axis', valueFormatter: v => (v == null ? '–' : v + ' %') },
      legend: { top: 0 },
      grid: { top: 40, left: 50, right: 20, bottom: 30 },
      xAxis: { type: 'category', data: months },
      yAxis: percentAxis,
      series: aspects.map(aspect => ({ name: aspect, type: 'line', connectNulls: true,
        data: months.map(m => {
          const g = byAspectMonth.get(aspect + '|' + m);
          return g ? rate(g.satisfied, g.answers) : null;
        }) }))
    });
  }

  function eightD(figure) {
    const names = figure.rows.map(r => r.step);
    draw('chart-eight-d', figure.rows, {
      tooltip: { trigger: 'item' },
      legend: { top: 0 },
      grid: { top: 40, left: 20, right: 20, bottom: 10, containLabel: true },
      xAxis: { type: 'category', data: names, axisLabel: { rotate: 30, interval: 0 } },
      yAxis: { type: 'value', name: t('hours') },
      series: [
        { name: t('boxplot'), type: 'boxplot',
          data: figure.rows.map(r => [r.minHours, r.q1Hours, r.medianHours, r.q3Hours, r.maxHours]) },
        { name: t('p90'), type: 'scatter', symbol: 'triangle', data: figure.rows.map(r => r.p90Hours) },
        { name: t('mean'), type: 'scatter', symbol: 'diamond', data: figure.rows.map(r => r.meanHours) }
      ]
    });
  }

  function escalations(figure) {
    const months = monthsOf(figure);
    const series = [...new Set(figure.rows.map(r => t('level', r.level, r.group)))].sort();
    const counts = new Map(figure.rows.map(r => [t('level', r.level, r.group) + '|' + r.month, r.escalations]));
    draw('chart-escalations', figure.rows, {
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { top: 40, left: 40, right: 20, bottom: 30 },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map(name => ({ name, type: 'bar', stack: 'escalations',
        data: months.map(m => counts.get(name + '|' + m) || 0) }))
    });
  }

  /** A table of rows: a column per { key, value }, its heading the page text of the key. */
  function table(id, rows, columns) {
    const element = $(id);
    element.innerHTML = '';
    const head = element.insertRow();
    columns.forEach(({ key }) => {
      const th = document.createElement('th');
      th.textContent = t(key);
      head.appendChild(th);
    });
    if (!rows.length) {
      const cell = element.insertRow().insertCell();
      cell.colSpan = columns.length;
      cell.textContent = t('noData');
      return;
    }
    for (const r of rows) {
      const row = element.insertRow();
      columns.forEach(({ value }) => {
        const text = value(r);
        row.insertCell().textContent = text == null || text === '' ? '–' : text;
      });
    }
  }

  // the month's causes and countermeasures (also in the monthly quality report, reports/)
  function causes(figure) {
    table('table-causes', figure.rows, [
      { key: 'columnComplaint', value: r => r.complaint + (r.tier ? ' (' + r.tier + ')' : '') },
      { key: 'columnDefect', value: r => r.defectCode },
      { key: 'columnCause', value: r => r.cause || t('notAnalysed') },
      { key: 'columnCountermeasure', value: r => r.countermeasure || t('notAnalysed') }
    ]);
  }

  // the 8D reports of the month and their state (also in the monthly quality report)
  function eightDStatus(figure) {
    table('table-eight-d-status', figure.rows, [
      { key: 'columnEightD', value: r => r.eightD },
      { key: 'columnComplaint', value: r => r.complaint },
      { key: 'columnProblem', value: r => r.title },
      { key: 'columnRaised', value: r => r.raised },
      { key: 'columnState', value: r => t('state_' + r.stateAtMonthEnd) + (r.closed ? ' ' + r.closed : '') },
      { key: 'columnOpenStep', value: r => r.openStepNow }
    ]);
  }

  const FIGURES = {
    'on-time-rates': onTime, 'defect-pareto': pareto, 'intake-closure': intake, 'open-tasks': openTasks,
    'satisfaction': satisfaction, 'eight-d-cycle-times': eightD, 'escalations': escalations,
    'causes-countermeasures': causes, 'eight-d-status': eightDStatus,
    'customer-decisions': customerDecisions
  };

  async function refresh() {
    $('failure').hidden = true;
    for (const card of document.querySelectorAll('[data-figure]')) {
      card.querySelector('a.csv').href = API + '/' + card.dataset.figure + '?' + query('csv');
    }
    const failures = [];
    await Promise.all(Object.entries(FIGURES).map(([figure, render]) =>
      load(figure).then(render).catch(e => failures.push(e.message))));
    if (failures.length) {
      $('failure-message').textContent = failures.join('; ');
      show('failure');
    }
    document.body.dataset.loaded = 'true';
  }

  function fill(select, values) {
    for (const [value, label] of values) {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = label;
      select.appendChild(option);
    }
  }

  async function start() {
    // the Camunda webapp session: without it, /api would answer 401 with a Basic challenge (a browser dialog)
    const session = await fetch('/camunda/api/admin/auth/user/default', { credentials: 'same-origin' });
    if (!session.ok) {
      show('login');
      return;
    }
    const response = await fetch(API, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (response.status === 401) {
      show('login');
      return;
    }
    if (response.status === 403) {
      const body = await response.json().catch(() => ({}));
      if (body.detail) {
        $('forbidden-message').textContent = body.detail;
      }
      show('forbidden');
      return;
    }
    if (!response.ok) {
      $('failure-message').textContent = t('failed', response.status);
      show('failure');
      return;
    }
    const index = await response.json();
    fill($('tier'), index.tiers.map(t => [t, t]));
    fill($('category'), index.categories.map(c => [c, c]));
    fill($('department'), Object.entries(index.departments));
    fill($('source'), index.sources.map(s => [s, t('source_' + s)]));
    const params = new URLSearchParams(location.search);
    $('month').value = params.get('month') || index.currentMonth;
    for (const name of ['tier', 'category', 'department', 'source']) {
      if (params.get(name)) {
        $(name).value = params.get(name);
      }
    }
    show('dashboard');
    $('filters').addEventListener('change', () => {
      if (!$('month').value) {
        return;
      }
      history.replaceState(null, '', '?' + query());
      refresh();
    });
    window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
    await refresh();
  }

  start().catch(e => {
    $('failure-message').textContent = e.message;
    show('failure');
  });
})();
