#!/usr/bin/env python3
"""Lays out a BPMN model of processes/ from a small placement spec (tools/layout/<process>.py):
a pool with one lane per role group, each flow node at a (lane, row, column) of a grid, flows
routed orthogonally, label bounds for every named event, gateway and flow. It rewrites only the
collaboration, the lane set and the diagram (DI) of the file; every process element stays as it is.

It produced the first readable layout of the three diagrams. The BPMN files are the source of
truth afterwards: process owners move shapes in Camunda Modeler and commit the file, and
ModelLayoutTest checks the result. Run it again only to redo a layout from scratch (it overwrites
Modeler changes of positions):

    python3 tools/layout/layout.py contract-change     # from the project root
"""
import importlib.util
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

B = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
C = "{http://camunda.org/schema/1.0/bpmn}"

SIZES = {"task": (100, 80), "gateway": (50, 50), "event": (36, 36)}
UNIT = 70  # column pitch in px (a node's centre is at X0 + col * UNIT)
ROW = 140  # row height within a lane
POOL_X, POOL_Y = 160, 80
HEADER = 30  # pool and lane header width
X0 = POOL_X + 2 * HEADER + 58

# Arial / Liberation Sans advance widths (1/1000 em) for the external label font (11 px)
WIDTHS = dict(zip(" !\"#$%&'()*+,-./0123456789:;<=>?@", [278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278,
                                                          333, 278, 278] + [556] * 10 + [278, 278, 584, 584, 584, 556, 1015]))
WIDTHS.update(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", [667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
                                                  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611]))
WIDTHS.update(zip("abcdefghijklmnopqrstuvwxyz", [556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
                                                  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500]))
FONT = 11
LINE = 14  # 11 px * 1.2, rounded up


def text_width(text):
    return sum(WIDTHS.get(ch, 1000 if ord(ch) > 0x2e80 else 600) for ch in text) * FONT / 1000


def label_lines(name):
    """A label as bpmn-js draws it at our width: the English part, then the Chinese part."""
    m = re.match(r"^(.*?)\s*(\([^()]*[\u2e80-\u9fff][^()]*\))$", name)
    return [m.group(1), m.group(2)] if m else [name]


def semantic_shorten(line, max_length):
    parts = [p for p in re.split(r"(\s|-|\u00AD)", line) if p != ""]
    out, length = [], 0
    if len(parts) > 1:
        for part in parts:
            if len(part) + length < max_length:
                out.append(part)
                length += len(part)
            else:
                if part in ("-", "\u00AD") and out:
                    out.pop()
                break
    return "".join(out)


def layout_lines(text, max_width):
    """diagram-js's Text layout (layoutNext/shortenLine) with our width estimate."""
    lines, result = [text], []
    while lines:
        original = lines.pop(0)
        fit = original
        while True:
            width = text_width(fit)
            if fit in (" ", "") or width <= max_width or len(fit) < 2:
                break
            length = max(len(fit) * (max_width / width), 1)
            short = semantic_shorten(fit, length)
            fit = short or fit[: max(round(length - 1), 1)]
        if len(fit) < len(original):
            lines.insert(0, original[len(fit):].strip())
        result.append(fit.strip())
    return result


def label_size(name):
    """The narrowest box in which bpmn-js breaks the label into its English and Chinese lines."""
    if text_width(name) <= 80:
        return int(text_width(name)) + 8, LINE
    lines = label_lines(name)
    width = int(max(text_width(l) for l in lines)) + 4
    for w in range(width, width + 300):
        if layout_lines(name, w - 4) == lines:  # 4 px margin for the real font
            return w, LINE * len(lines)
    return width, LINE * len(layout_lines(name, width))


def kind(tag):
    if tag.endswith("Gateway"):
        return "gateway"
    if tag.endswith("Event"):
        return "event"
    return "task"


class Node:
    def __init__(self, nid, tag, name, lane, row, col, lanes):
        self.id, self.tag, self.name, self.lane = nid, tag, name, lane
        self.w, self.h = SIZES[kind(tag)]
        self.cx = X0 + col * UNIT
        self.cy = lanes[lane]["y"] + ROW / 2 + row * ROW
        self.x, self.y = self.cx - self.w / 2, self.cy - self.h / 2

    def point(self, side):
        return {"left": (self.x, self.cy), "right": (self.x + self.w, self.cy), "top": (self.cx, self.y),
                "bottom": (self.cx, self.y + self.h)}[side]


def route(s, t, o):
    """Orthogonal waypoints from s to t. o: overrides of the placement file: exit and enter side
    (left, right, top, bottom), y of a horizontal channel, x (or xs, relative to the source) of a
    vertical one, via: explicit bend points; label: (dx, dy) of the flow label from the first point,
    labelAt: "last" to label the segment entering the target."""
    exit_, enter = o.get("exit"), o.get("enter")
    if "via" in o:  # explicit bend points between the exit and the entry
        return [s.point(exit_)] + o["via"] + [t.point(enter)]
    if not exit_:
        if abs(s.cy - t.cy) < 1 and t.cx > s.cx:
            exit_ = "right"
        elif abs(s.cx - t.cx) < 1:
            exit_ = "bottom" if t.cy > s.cy else "top"
        elif t.cx > s.cx and kind(s.tag) == "gateway" and "x" not in o:
            exit_ = "bottom" if t.cy > s.cy else "top"
        elif t.cx > s.cx and t.x - 35 < s.x + s.w and "x" not in o and kind(t.tag) != "gateway":
            exit_ = "bottom" if t.cy > s.cy else "top"  # overlapping columns: leave vertically
        elif t.cx > s.cx:
            exit_ = "right"
        else:
            exit_ = "bottom" if o.get("y", 10**6) > s.cy else "top"
    if not enter:
        if abs(s.cy - t.cy) < 1 and t.cx > s.cx and exit_ == "right":
            enter = "left"
        elif abs(s.cx - t.cx) < 1 and exit_ in ("top", "bottom"):
            enter = "top" if t.cy > s.cy else "bottom"
        elif t.cx > s.cx and exit_ == "right" and kind(t.tag) == "gateway" and "x" not in o:
            enter = "top" if t.cy > s.cy else "bottom"
        elif t.cx > s.cx and exit_ in ("top", "bottom") and "y" not in o:
            enter = "left"
        elif t.cx > s.cx and exit_ == "right":
            enter = "left"
        else:
            enter = "bottom" if o.get("y", 10**6) > t.cy else "top"
    a, b = s.point(exit_), t.point(enter)
    ha, hb = exit_ in ("left", "right"), enter in ("left", "right")
    if ha and hb:
        if abs(a[1] - b[1]) < 1:
            return [a, b]
        x = o.get("x", b[0] - 25 if "xs" not in o else a[0] + o["xs"])
        return [a, (x, a[1]), (x, b[1]), b]
    if not ha and hb:
        if "y" in o:
            x = b[0] - 25 if "x" not in o else o["x"]
            return [a, (a[0], o["y"]), (x, o["y"]), (x, b[1]), b]
        return [a, (a[0], b[1]), b]
    if ha and not hb:
        if "y" in o:
            x = a[0] + 25 if "x" not in o else o["x"]
            return [a, (x, a[1]), (x, o["y"]), (b[0], o["y"]), b]
        return [a, (b[0], a[1]), b]
    if abs(a[0] - b[0]) < 1:
        return [a, b]
    y = o.get("y", (a[1] + b[1]) / 2)
    return [a, (a[0], y), (b[0], y), b]


def build(name):
    spec_path = Path(__file__).with_name(name + ".py")
    loader = importlib.util.spec_from_file_location(name, spec_path)
    spec = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(spec)
    global UNIT
    UNIT = getattr(spec, "UNIT", 70)
    path = Path("processes") / (name + ".bpmn")
    text = path.read_text(encoding="utf-8")
    root = ET.fromstring(text.encode("utf-8"))
    process = root.find(B + "process")
    pid = process.get("id")

    lanes, y = {}, POOL_Y
    for lane_id, lane_name, rows, doc in spec.LANES:
        lanes[lane_id] = {"name": lane_name, "y": y, "h": rows * ROW, "doc": doc, "nodes": []}
        y += rows * ROW
    nodes, flows = {}, []
    for e in process:
        tag = e.tag[len(B):]
        if tag in ("documentation", "extensionElements", "laneSet"):
            continue
        if tag == "sequenceFlow":
            flows.append((e.get("id"), e.get("name"), e.get("sourceRef"), e.get("targetRef")))
            continue
        if e.get("id") not in spec.NODES:
            sys.exit(f"{name}: no placement for {tag} {e.get('id')}")
        lane, row, col = spec.NODES[e.get("id")]
        nodes[e.get("id")] = Node(e.get("id"), tag, e.get("name"), lane, row, col, lanes)
        lanes[lane]["nodes"].append(e.get("id"))
    right = max(n.x + n.w for n in nodes.values()) + 20
    pool_w = right - POOL_X
    pool_h = y - POOL_Y

    di = []
    out = di.append
    out(f'  <bpmndi:BPMNDiagram id="diagram{spec.SUFFIX}">')
    out(f'    <bpmndi:BPMNPlane id="plane{spec.SUFFIX}" bpmnElement="collaboration{spec.SUFFIX}">')
    out(f'      <bpmndi:BPMNShape id="participant{spec.SUFFIX}_di" bpmnElement="participant{spec.SUFFIX}" isHorizontal="true">')
    out(f'        <dc:Bounds x="{POOL_X}" y="{POOL_Y}" width="{pool_w:g}" height="{pool_h:g}" />')
    out('      </bpmndi:BPMNShape>')
    for lane_id, lane in lanes.items():
        out(f'      <bpmndi:BPMNShape id="{lane_id}_di" bpmnElement="{lane_id}" isHorizontal="true">')
        out(f'        <dc:Bounds x="{POOL_X + HEADER}" y="{lane["y"]:g}" width="{pool_w - HEADER:g}" height="{lane["h"]:g}" />')
        out('      </bpmndi:BPMNShape>')

    def bounds(x, y, w, h):
        return f'<dc:Bounds x="{round(x)}" y="{round(y)}" width="{round(w)}" height="{round(h)}" />'

    def coord(v, axis):
        if not isinstance(v, tuple):
            return v
        return lanes[v[0]]["y"] + v[1] if axis == "y" else X0 + v[0] * UNIT + v[1]

    for o in spec.FLOWS.values():
        if "via" in o:
            o["via"] = [(coord(x, "x"), coord(y, "y")) for x, y in o["via"]]
    for o in spec.FLOWS.values():  # ("laneX", offset): a y or x relative to a lane's top / a column
        if isinstance(o.get("y"), tuple):
            o["y"] = lanes[o["y"][0]]["y"] + o["y"][1]
        if isinstance(o.get("x"), tuple):
            o["x"] = X0 + o["x"][0] * UNIT + o["x"][1]
    routes = {fid: route(nodes[src], nodes[tgt], spec.FLOWS.get(fid, {})) for fid, _, src, tgt in flows}
    placed = []  # label boxes so far
    shape_boxes = [(n.x, n.y, n.w, n.h) for n in nodes.values()]
    segments = [(fid, pts[i - 1], pts[i]) for fid, pts in routes.items() for i in range(1, len(pts))]
    lane_of = {}
    for lane_id, lane in lanes.items():
        for nid in lane["nodes"]:
            lane_of[nid] = lane

    def cost(box, own, lane):
        x, y, w, h = box
        c = 0
        for sx, sy, sw, sh in shape_boxes + placed:
            if x < sx + sw + 1 and sx < x + w + 1 and y < sy + sh + 1 and sy < y + h + 1:
                c += 1000
        for fid, a, b in segments:
            if fid in own:
                continue
            if min(a[0], b[0]) < x + w and x < max(a[0], b[0]) and min(a[1], b[1]) < y + h and y < max(a[1], b[1]):
                c += 100
        if lane and (y < lane["y"] or y + h > lane["y"] + lane["h"]):
            c += 30
        if x < POOL_X + 2 * HEADER:
            c += 1000
        return c

    def choose(candidates, own, lane, fixed=None):
        if fixed is not None:
            best = fixed
        else:
            best = min(candidates, key=lambda b: (cost(b, own, lane), candidates.index(b)))
        placed.append(best)
        return best

    labels = {}
    for n in nodes.values():
        if not n.name or kind(n.tag) == "task":
            continue
        w, h = label_size(n.name)
        own = {f for f, _, s, tg in flows if n.id in (s, tg)}
        if kind(n.tag) == "gateway":
            c = [(n.cx - 4 - w, n.cy - 42 - h, w, h), (n.cx + 4, n.cy - 42 - h, w, h), (n.cx - w / 2, n.cy - 42 - h, w, h),
                 (n.cx - 4 - w, n.y + n.h + 4, w, h), (n.cx + 4, n.y + n.h + 4, w, h), (n.cx - w / 2, n.y + n.h + 4, w, h),
                 (n.cx - 4 - w, n.y - h - 2, w, h), (n.cx + 4, n.y - h - 2, w, h)]
        else:
            c = [(n.cx - w / 2, n.y + n.h + 4, w, h), (n.cx - w / 2, n.y - h - 4, w, h), (n.x + n.w + 4, n.y + n.h, w, h),
                 (n.x - w - 4, n.y + n.h, w, h)]
        fixed = None
        if n.id in spec.LABELS:
            dx, dy = spec.LABELS[n.id]
            fixed = (n.cx + dx, n.cy + dy, w, h)
        labels[n.id] = choose(c, own, lane_of[n.id], fixed)
    for fid, fname, src, tgt in flows:
        if not fname:
            continue
        pts = routes[fid]
        w, h = label_size(fname)
        c = []
        o = spec.FLOWS.get(fid, {})
        order = [(pts[0], pts[1]), (pts[-2], pts[-1])] + list(zip(pts[1:-2], pts[2:-1]))
        if o.get("labelAt") == "last":
            order = [(pts[-2], pts[-1])]
        for (x1, y1), (x2, y2) in order:
            if abs(y1 - y2) < 1:  # horizontal: above or below, near its start
                sgn = 1 if x2 > x1 else -1
                for off in (6, 30, 60):
                    sx = x1 + sgn * off if sgn > 0 else x1 - off - w
                    c += [(sx, y1 - h - 3, w, h), (sx, y1 + 3, w, h)]
                for lift in (42, 44):
                    c += [(x1 + 4 if x2 > x1 else x1 - 4 - w, y1 - lift - h, w, h)]
            else:  # vertical: right or left, near its start
                down = y2 > y1
                for off in (4, 30, 60):
                    sy = y1 + off if down else y1 - off - h
                    c += [(x1 + 5, sy, w, h), (x1 - 5 - w, sy, w, h)]
        fixed = None
        o = spec.FLOWS.get(fid, {})
        if "label" in o:
            dx, dy = o["label"]
            fixed = (pts[0][0] + dx, pts[0][1] + dy, w, h)
        labels[fid] = choose(c, {fid}, lane_of[src], fixed)

    for n in nodes.values():
        marker = ' isMarkerVisible="true"' if n.tag == "exclusiveGateway" else ""
        out(f'      <bpmndi:BPMNShape id="{n.id}_di" bpmnElement="{n.id}"{marker}>')
        out(f"        {bounds(n.x, n.y, n.w, n.h)}")
        if n.id in labels:
            out("        <bpmndi:BPMNLabel>")
            out(f"          {bounds(*labels[n.id])}")
            out("        </bpmndi:BPMNLabel>")
        out("      </bpmndi:BPMNShape>")
    for fid, fname, src, tgt in flows:
        pts = routes[fid]
        out(f'      <bpmndi:BPMNEdge id="{fid}_di" bpmnElement="{fid}">')
        for px, py in pts:
            out(f'        <di:waypoint x="{round(px)}" y="{round(py)}" />')
        if fid in labels:
            out("        <bpmndi:BPMNLabel>")
            out(f"          {bounds(*labels[fid])}")
            out("        </bpmndi:BPMNLabel>")
        out("      </bpmndi:BPMNEdge>")
    out("    </bpmndi:BPMNPlane>")
    out("  </bpmndi:BPMNDiagram>")

    # collaboration and lane set, replacing earlier ones
    text = re.sub(r"  <bpmn:collaboration .*?</bpmn:collaboration>\n", "", text, flags=re.S)
    text = re.sub(r"    <bpmn:laneSet .*?</bpmn:laneSet>\n", "", text, flags=re.S)
    collaboration = (f'  <bpmn:collaboration id="collaboration{spec.SUFFIX}">\n'
                     f'    <bpmn:participant id="participant{spec.SUFFIX}" name="{esc(process.get("name"))}" processRef="{pid}" />\n'
                     "  </bpmn:collaboration>\n")
    text = text.replace("  <bpmn:process ", collaboration + "  <bpmn:process ", 1)
    lane_xml = [f'    <bpmn:laneSet id="laneSet{spec.SUFFIX}">']
    for lane_id, lane in lanes.items():
        lane_xml.append(f'      <bpmn:lane id="{lane_id}" name="{esc(lane["name"])}">')
        if lane["doc"]:
            lane_xml.append(f'        <bpmn:documentation>{esc(lane["doc"])}</bpmn:documentation>')
        lane_xml += [f"        <bpmn:flowNodeRef>{n}</bpmn:flowNodeRef>" for n in lane["nodes"]]
        lane_xml.append("      </bpmn:lane>")
    lane_xml.append("    </bpmn:laneSet>\n")
    m = re.search(r"  <bpmn:process [^>]*>\n(    <bpmn:documentation>.*?</bpmn:documentation>\n)?", text, flags=re.S)
    text = text[: m.end()] + "\n".join(lane_xml) + text[m.end():]
    text = re.sub(r"  <bpmndi:BPMNDiagram .*?</bpmndi:BPMNDiagram>", "\n".join(di), text, flags=re.S)
    path.write_text(text, encoding="utf-8")
    print(f"{path}: {len(nodes)} flow nodes, {len(flows)} flows, pool {pool_w:g} x {pool_h:g}")


def esc(s):
    return s.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        build(arg)
