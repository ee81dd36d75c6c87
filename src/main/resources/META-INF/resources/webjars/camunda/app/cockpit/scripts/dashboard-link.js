/*
 * complaint-handling: a Cockpit plugin (loaded through customScripts in config.js) that puts links to
 * the application's own pages into Cockpit's header navigation, next to Processes, Decisions, ...:
 * the management dashboards (/dashboard/), the registers of complaints, 8D reports and contract
 * changes (/complaints/, /corrective-actions/, /changes/: closed records too, which Cockpit Community
 * Edition does not show), the customer archive (/customers/) and "Register a complaint"
 * (/complaints/new); same origin, same login session. This script does not know the user's groups:
 * the pages themselves refuse (403, in the user's language) whoever may not use them. The language follows the webapp's rule (config.js locales): Chinese when
 * the browser's first preferred language is Chinese, else English.
 */
const chinese = (navigator.languages && navigator.languages[0] ? navigator.languages[0] : navigator.language || '')
  .toLowerCase().startsWith('zh');

const link = (id, priority, href, english, zh, title) => ({
  id,
  pluginPoint: 'cockpit.navigation',
  priority,
  properties: {
    label: chinese ? zh : english
  },
  render: (node) => {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = chinese ? zh : english;
    a.title = title;
    node.appendChild(a);
  }
});

export default [
  link('qms-dashboards-link', 100, '/dashboard/', 'Dashboards', '管理看板',
    'KPI dashboards: on-time rates, defect Pareto, open tasks, satisfaction, 8D, escalations'),
  link('qms-complaint-register-link', 97, '/complaints/', 'Complaint register', '客诉台账',
    'Every complaint, open or closed: search, filter, export, record pages and PDFs'),
  link('qms-eight-d-register-link', 96, '/corrective-actions/', '8D register', '8D 台账',
    'Every 8D report, open or closed: search, filter, export, reports and PDFs'),
  link('qms-change-register-link', 95, '/changes/', 'Change register', '变更台账',
    'The contract changes you may read (confidential to the groups involved)'),
  link('qms-customers-link', 90, '/customers/', 'Customers', '客户档案',
    'Customer archive: contacts, tier, complaint and change history'),
  link('qms-register-complaint-link', 80, '/complaints/new', 'Register a complaint', '登记客诉',
    'Register a complaint by finding the customer and the defect')
];
