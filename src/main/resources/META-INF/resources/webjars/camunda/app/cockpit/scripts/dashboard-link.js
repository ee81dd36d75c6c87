/*
 * complaint-handling: a Cockpit plugin (loaded through customScripts in config.js) that puts a
 * "Dashboards" link into Cockpit's header navigation, next to Processes, Decisions, ... It opens the
 * application's management dashboards at /dashboard/ (same origin, same login session).
 */
export default [
  {
    id: 'qms-dashboards-link',
    pluginPoint: 'cockpit.navigation',
    priority: 100,
    properties: {
      label: 'Dashboards'
    },
    render: (node) => {
      const link = document.createElement('a');
      link.href = '/dashboard/';
      link.textContent = 'Dashboards 看板';
      link.title = 'KPI dashboards: on-time rates, defect Pareto, open tasks, satisfaction, 8D, escalations';
      node.appendChild(link);
    }
  }
];
