// Renders every model of processes/ to docs/diagrams/<file name>.svg with bpmn-js (the viewer
// Cockpit and Modeler draw with, from node_modules: nothing is downloaded) in the system Chromium
// driven by playwright-core. Run from the project root after changing a model:
//
//   npm run diagrams                 (CHROMIUM=/path/to/chromium if not /usr/bin/chromium)
//   npm run diagrams -- --png DIR    (also PNG screenshots, to look at the result)
//
// Each SVG records the SHA-256 of the model it was drawn from (LF line endings) in its <metadata>;
// DiagramPicturesTest fails when a model changed and its picture was not rendered again.
import { chromium } from 'playwright-core';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.error(`no Chromium at ${chromiumPath}: install it (apt-get install chromium) or set CHROMIUM`);
  process.exit(2);
}
const args = process.argv.slice(2);
const pngDir = args.includes('--png') ? args[args.indexOf('--png') + 1] : null;
const models = readdirSync('processes').filter((f) => f.endsWith('.bpmn')).sort();
mkdirSync('docs/diagrams', { recursive: true });
if (pngDir) mkdirSync(pngDir, { recursive: true });

const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'diagrams-')), {
  executablePath: chromiumPath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1600, height: 1000 },
});
try {
  const page = await context.newPage();
  page.on('pageerror', (e) => { throw e; });
  await page.setContent('<!doctype html><html><body style="margin:0"><div id="canvas" style="width:10000px;height:4000px"></div></body></html>');
  await page.addStyleTag({ path: 'node_modules/bpmn-js/dist/assets/diagram-js.css' });
  await page.addStyleTag({ path: 'node_modules/bpmn-js/dist/assets/bpmn-js.css' });
  await page.addScriptTag({ path: 'node_modules/bpmn-js/dist/bpmn-viewer.production.min.js' });
  for (const model of models) {
    const xml = readFileSync(join('processes', model), 'utf8').replace(/\r\n/g, '\n');
    const sha256 = createHash('sha256').update(xml, 'utf8').digest('hex');
    const svg = await page.evaluate(async (bpmnXml) => {
      if (window.viewer) window.viewer.destroy();
      window.viewer = new window.BpmnJS({ container: '#canvas' });
      const { warnings } = await window.viewer.importXML(bpmnXml);
      if (warnings.length) throw new Error(warnings.map((w) => w.message).join('; '));
      window.viewer.get('canvas').zoom(1, { x: 0, y: 0 });
      const { svg } = await window.viewer.saveSVG();
      return svg;
    }, xml);
    const name = model.replace(/\.bpmn$/, '');
    // bpmn-js names arrow markers randomly; number them so that an unchanged model draws the same file
    const markers = new Map();
    const stable = svg.replace(/marker-[a-z0-9]{8,}/g, (id) => {
      if (!markers.has(id)) markers.set(id, `marker-${markers.size + 1}`);
      return markers.get(id);
    });
    const stamped = stable.replace(/<svg([^>]*)>/,
      `<svg$1><metadata><qmsflow:source xmlns:qmsflow="https://qmsflow.com/diagrams" model="processes/${model}" sha256="${sha256}"/></metadata>`);
    writeFileSync(join('docs/diagrams', `${name}.svg`), stamped);
    console.log(`docs/diagrams/${name}.svg from processes/${model} (sha256 ${sha256.slice(0, 12)}…)`);
    if (pngDir) {
      const box = await page.evaluate(() => window.viewer.get('canvas').viewbox().inner);
      const width = Math.ceil(box.x + box.width + 20);
      const height = Math.ceil(box.y + box.height + 20);
      await page.screenshot({ path: join(pngDir, `${name}.png`), fullPage: true, clip: { x: 0, y: 0, width, height } });
      // tiles at full size, to read labels
      const tile = 1400;
      for (let x = 0, i = 1; x < width; x += tile, i++) {
        await page.screenshot({ path: join(pngDir, `${name}-${i}.png`), fullPage: true, clip: { x, y: 0, width: Math.min(tile, width - x), height } });
      }
      console.log(`${pngDir}/${name}.png and tiles`);
    }
  }
} finally {
  await context.close();
}
