package com.qmsflow.models;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The geometry of one BPMN file's diagram (DI) and the layout rules a person drawing it by hand
 * would keep: no shape overlaps another, every flow starts on its source and ends on its target, no
 * flow runs through a shape, no two flows share their waypoints, every named event, gateway and
 * flow has label bounds and no label lies over another label or a shape, the main path runs left to
 * right (only loops back to a merge gateway run leftwards), branches start near their gateway, end
 * events sit near their branch, and the diagram fits in {@value #MAX_WIDTH} × {@value #MAX_HEIGHT}
 * px.
 *
 * <p>Only the JDK is used, so a process owner can check a file without Maven: {@code java
 * src/test/java/com/qmsflow/models/DiagramGeometry.java processes/contract-change.bpmn}.
 */
public final class DiagramGeometry {

  static final int MAX_WIDTH = 3500;
  static final int MAX_HEIGHT = 2000;

  /** How far a flow's end may lie from its shape's border (Modeler rounds to whole pixels). */
  static final double ON_BORDER = 2;

  /** Largest horizontal gap between a branch's gateway and the first element of the branch. */
  static final double BRANCH_GAP = 200;

  /** Largest gap between an end event and the element before it. */
  static final double END_GAP = 150;

  /** Largest distance between a label's centre and its element or flow. */
  static final double LABEL_DISTANCE = 120;

  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";
  private static final String DC = "http://www.omg.org/spec/DD/20100524/DC";
  private static final String DI = "http://www.omg.org/spec/DD/20100524/DI";
  private static final Set<String> CONTAINERS = Set.of("participant", "lane");

  record Box(double x, double y, double w, double h) {
    double right() {
      return x + w;
    }

    double bottom() {
      return y + h;
    }

    double cx() {
      return x + w / 2;
    }

    double cy() {
      return y + h / 2;
    }

    boolean overlaps(Box o) {
      return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
    }

    boolean onBorder(double px, double py) {
      boolean withinX = px >= x - ON_BORDER && px <= right() + ON_BORDER;
      boolean withinY = py >= y - ON_BORDER && py <= bottom() + ON_BORDER;
      boolean nearVertical = Math.abs(px - x) <= ON_BORDER || Math.abs(px - right()) <= ON_BORDER;
      boolean nearHorizontal =
          Math.abs(py - y) <= ON_BORDER || Math.abs(py - bottom()) <= ON_BORDER;
      return withinX && withinY && (nearVertical || nearHorizontal);
    }

    Box shrunk(double d) {
      return new Box(x + d, y + d, w - 2 * d, h - 2 * d);
    }

    /** Whether the segment passes through the inside of this box (Liang-Barsky clipping). */
    boolean crossedBy(Point a, Point b) {
      double t0 = 0;
      double t1 = 1;
      double dx = b.x - a.x;
      double dy = b.y - a.y;
      double[] p = {-dx, dx, -dy, dy};
      double[] q = {a.x - x, right() - a.x, a.y - y, bottom() - a.y};
      for (int i = 0; i < 4; i++) {
        if (p[i] == 0) {
          if (q[i] <= 0) {
            return false;
          }
        } else {
          double t = q[i] / p[i];
          if (p[i] < 0) {
            t0 = Math.max(t0, t);
          } else {
            t1 = Math.min(t1, t);
          }
        }
      }
      return t0 < t1;
    }

    double distanceTo(double px, double py) {
      double dx = Math.max(Math.max(x - px, 0), px - right());
      double dy = Math.max(Math.max(y - py, 0), py - bottom());
      return Math.hypot(dx, dy);
    }
  }

  record Point(double x, double y) {}

  /** A flow node's shape; {@code attachedTo} is the task a boundary event sits on (else empty). */
  record Shape(String id, String type, String name, Box box, Box label, String attachedTo) {}

  record Edge(String id, String name, String source, String target, List<Point> points, Box label) {
    double length() {
      double length = 0;
      for (int i = 1; i < points.size(); i++) {
        length +=
            Math.hypot(
                points.get(i).x - points.get(i - 1).x, points.get(i).y - points.get(i - 1).y);
      }
      return length;
    }

    double distanceTo(double px, double py) {
      double best = Double.MAX_VALUE;
      for (int i = 1; i < points.size(); i++) {
        best = Math.min(best, segmentDistance(points.get(i - 1), points.get(i), px, py));
      }
      return best;
    }
  }

  final String file;

  /** Flow nodes by id, with their shapes (containers such as lanes are not in here). */
  final Map<String, Shape> shapes = new LinkedHashMap<>();

  final Map<String, Shape> containers = new LinkedHashMap<>();
  final Map<String, Edge> edges = new LinkedHashMap<>();
  final Map<String, Integer> incoming = new HashMap<>();
  final Map<String, Integer> outgoing = new HashMap<>();
  final Document document;

  private DiagramGeometry(Path file) throws Exception {
    this.file = file.getFileName().toString();
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    document = factory.newDocumentBuilder().parse(file.toFile());
    Map<String, Element> semantic = new HashMap<>();
    NodeList all = document.getElementsByTagNameNS(BPMN, "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (!e.getAttribute("id").isEmpty()) {
        semantic.put(e.getAttribute("id"), e);
      }
      if (e.getLocalName().equals("sequenceFlow")) {
        incoming.merge(e.getAttribute("targetRef"), 1, Integer::sum);
        outgoing.merge(e.getAttribute("sourceRef"), 1, Integer::sum);
      }
    }
    NodeList diShapes = document.getElementsByTagNameNS(BPMNDI, "BPMNShape");
    for (int i = 0; i < diShapes.getLength(); i++) {
      Element di = (Element) diShapes.item(i);
      Element element = semantic.get(di.getAttribute("bpmnElement"));
      if (element == null) {
        continue;
      }
      Shape shape =
          new Shape(
              element.getAttribute("id"),
              element.getLocalName(),
              element.getAttribute("name"),
              bounds(di),
              labelBounds(di),
              element.getAttribute("attachedToRef"));
      (CONTAINERS.contains(shape.type) ? containers : shapes).put(shape.id, shape);
    }
    NodeList diEdges = document.getElementsByTagNameNS(BPMNDI, "BPMNEdge");
    for (int i = 0; i < diEdges.getLength(); i++) {
      Element di = (Element) diEdges.item(i);
      Element element = semantic.get(di.getAttribute("bpmnElement"));
      if (element == null || !element.getLocalName().equals("sequenceFlow")) {
        continue;
      }
      List<Point> points = new ArrayList<>();
      NodeList waypoints = di.getElementsByTagNameNS(DI, "waypoint");
      for (int j = 0; j < waypoints.getLength(); j++) {
        Element w = (Element) waypoints.item(j);
        points.add(
            new Point(
                Double.parseDouble(w.getAttribute("x")), Double.parseDouble(w.getAttribute("y"))));
      }
      edges.put(
          element.getAttribute("id"),
          new Edge(
              element.getAttribute("id"),
              element.getAttribute("name"),
              element.getAttribute("sourceRef"),
              element.getAttribute("targetRef"),
              points,
              labelBounds(di)));
    }
  }

  static DiagramGeometry of(Path file) throws Exception {
    return new DiagramGeometry(file);
  }

  private static Box bounds(Element di) {
    for (org.w3c.dom.Node child = di.getFirstChild();
        child != null;
        child = child.getNextSibling()) {
      if (child instanceof Element e
          && DC.equals(e.getNamespaceURI())
          && e.getLocalName().equals("Bounds")) {
        return box(e);
      }
    }
    return null;
  }

  private static Box labelBounds(Element di) {
    NodeList labels = di.getElementsByTagNameNS(BPMNDI, "BPMNLabel");
    if (labels.getLength() == 0) {
      return null;
    }
    NodeList b = ((Element) labels.item(0)).getElementsByTagNameNS(DC, "Bounds");
    return b.getLength() == 0 ? null : box((Element) b.item(0));
  }

  private static Box box(Element b) {
    return new Box(
        Double.parseDouble(b.getAttribute("x")),
        Double.parseDouble(b.getAttribute("y")),
        Double.parseDouble(b.getAttribute("width")),
        Double.parseDouble(b.getAttribute("height")));
  }

  private static boolean labelled(Shape s) {
    return !s.name.isBlank() && (s.type.endsWith("Event") || s.type.endsWith("Gateway"));
  }

  private boolean merge(String id) {
    Shape s = shapes.get(id);
    return s != null && s.type.endsWith("Gateway") && incoming.getOrDefault(id, 0) > 1;
  }

  /** Every broken rule, one line each; empty when the diagram keeps them all. */
  List<String> violations() {
    List<String> found = new ArrayList<>();
    Map<String, String> waypointKeys = new HashMap<>();
    for (Edge e : edges.values()) {
      Shape source = shapes.get(e.source);
      Shape target = shapes.get(e.target);
      if (e.points.size() < 2 || source == null || target == null) {
        found.add(e.id + ": fewer than two waypoints or a missing source/target shape");
        continue;
      }
      Point first = e.points.get(0);
      Point last = e.points.get(e.points.size() - 1);
      if (!source.box.onBorder(first.x, first.y)) {
        found.add(e.id + ": starts at " + first + ", not on its source " + e.source);
      }
      if (!target.box.onBorder(last.x, last.y)) {
        found.add(e.id + ": ends at " + last + ", not on its target " + e.target);
      }
      for (int i = 1; i < e.points.size(); i++) {
        for (Shape s : shapes.values()) {
          if (s.box.shrunk(ON_BORDER).crossedBy(e.points.get(i - 1), e.points.get(i))) {
            found.add(e.id + ": runs through " + s.id);
          }
        }
      }
      String key = e.points.toString();
      String same = waypointKeys.putIfAbsent(key, e.id);
      if (same != null) {
        found.add(e.id + ": has the same waypoints as " + same);
      }
      if (target.box.cx() < source.box.cx() - 1 && !merge(e.target)) {
        found.add(
            e.id
                + ": runs right to left into "
                + e.target
                + ", which is not a merging gateway (a loop)");
      }
      double gap = gap(source.box, target.box);
      double across = Math.max(0, target.box.x - source.box.right());
      if (target.type.equals("endEvent") && gap > END_GAP) {
        found.add(e.id + ": end event " + e.target + " is " + (int) gap + " px from " + e.source);
      }
      if (source.type.endsWith("Gateway")
          && outgoing.getOrDefault(e.source, 0) > 1
          && !merge(e.target)
          && across > BRANCH_GAP) {
        found.add(e.id + ": branch starts " + (int) across + " px from its gateway " + e.source);
      }
      if (!e.name.isBlank()) {
        if (e.label == null) {
          found.add(e.id + ": named flow without label bounds");
        } else if (e.distanceTo(e.label.cx(), e.label.cy()) > LABEL_DISTANCE) {
          found.add(e.id + ": label far from its flow");
        }
      }
    }
    for (Shape s : shapes.values()) {
      if (labelled(s)) {
        if (s.label == null) {
          found.add(s.id + ": named " + s.type + " without label bounds");
        } else if (s.box.distanceTo(s.label.cx(), s.label.cy()) > LABEL_DISTANCE) {
          found.add(s.id + ": label far from its shape");
        }
      }
    }
    List<Shape> list = new ArrayList<>(shapes.values());
    for (int i = 0; i < list.size(); i++) {
      for (int j = i + 1; j < list.size(); j++) {
        Shape a = list.get(i);
        Shape b = list.get(j);
        // a boundary event sits on the border of its task
        if (a.box.overlaps(b.box) && !a.id.equals(b.attachedTo) && !b.id.equals(a.attachedTo)) {
          found.add(list.get(i).id + " overlaps " + list.get(j).id);
        }
      }
    }
    List<Map.Entry<String, Box>> labels = labels();
    for (int i = 0; i < labels.size(); i++) {
      Map.Entry<String, Box> a = labels.get(i);
      for (int j = i + 1; j < labels.size(); j++) {
        if (a.getValue().overlaps(labels.get(j).getValue())) {
          found.add("label of " + a.getKey() + " overlaps the label of " + labels.get(j).getKey());
        }
      }
      for (Shape s : shapes.values()) {
        if (a.getValue().overlaps(s.box)) {
          found.add("label of " + a.getKey() + " lies over " + s.id);
        }
      }
    }
    Box extent = extent();
    if (extent.w > MAX_WIDTH || extent.h > MAX_HEIGHT) {
      found.add(
          "diagram is "
              + (int) extent.w
              + " x "
              + (int) extent.h
              + " px, more than "
              + MAX_WIDTH
              + " x "
              + MAX_HEIGHT);
    }
    return found;
  }

  List<Map.Entry<String, Box>> labels() {
    List<Map.Entry<String, Box>> labels = new ArrayList<>();
    shapes.values().stream()
        .filter(s -> s.label != null)
        .forEach(s -> labels.add(Map.entry(s.id, s.label)));
    edges.values().stream()
        .filter(e -> e.label != null)
        .forEach(e -> labels.add(Map.entry(e.id, e.label)));
    return labels;
  }

  /** The smallest box around every shape, container, waypoint and label. */
  Box extent() {
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    List<Box> boxes = new ArrayList<>();
    shapes.values().forEach(s -> boxes.add(s.box));
    containers.values().forEach(s -> boxes.add(s.box));
    labels().forEach(l -> boxes.add(l.getValue()));
    edges.values().forEach(e -> e.points.forEach(p -> boxes.add(new Box(p.x, p.y, 0, 0))));
    for (Box b : boxes) {
      minX = Math.min(minX, b.x);
      minY = Math.min(minY, b.y);
      maxX = Math.max(maxX, b.right());
      maxY = Math.max(maxY, b.bottom());
    }
    return new Box(minX, minY, maxX - minX, maxY - minY);
  }

  /** Pairs of flows whose segments cross (touching at a shared end or merging is not crossing). */
  int crossings() {
    List<Edge> list = new ArrayList<>(edges.values());
    int crossings = 0;
    for (int i = 0; i < list.size(); i++) {
      for (int j = i + 1; j < list.size(); j++) {
        crossings += crossingsBetween(list.get(i), list.get(j));
      }
    }
    return crossings;
  }

  private static int crossingsBetween(Edge a, Edge b) {
    int n = 0;
    for (int i = 1; i < a.points.size(); i++) {
      for (int j = 1; j < b.points.size(); j++) {
        if (properlyCross(
            a.points.get(i - 1), a.points.get(i), b.points.get(j - 1), b.points.get(j))) {
          n++;
        }
      }
    }
    return n;
  }

  private static boolean properlyCross(Point a, Point b, Point c, Point d) {
    double d1 = cross(c, d, a);
    double d2 = cross(c, d, b);
    double d3 = cross(a, b, c);
    double d4 = cross(a, b, d);
    return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
  }

  private static double cross(Point o, Point a, Point b) {
    return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  }

  private static double gap(Box a, Box b) {
    double dx = Math.max(0, Math.max(a.x - b.right(), b.x - a.right()));
    double dy = Math.max(0, Math.max(a.y - b.bottom(), b.y - a.bottom()));
    return Math.hypot(dx, dy);
  }

  private static double segmentDistance(Point a, Point b, double px, double py) {
    double dx = b.x - a.x;
    double dy = b.y - a.y;
    double len = dx * dx + dy * dy;
    double t = len == 0 ? 0 : Math.max(0, Math.min(1, ((px - a.x) * dx + (py - a.y) * dy) / len));
    return Math.hypot(a.x + t * dx - px, a.y + t * dy - py);
  }

  /** One line per file: size, flow nodes, flows, crossings; then each violation. */
  public static void main(String[] args) throws Exception {
    int problems = 0;
    for (String arg : args) {
      DiagramGeometry d = of(Path.of(arg));
      Box extent = d.extent();
      System.out.printf(
          "%s: %d x %d px, %d flow nodes, %d flows, %d crossings%n",
          d.file, (int) extent.w, (int) extent.h, d.shapes.size(), d.edges.size(), d.crossings());
      for (String v : d.violations()) {
        System.out.println("  " + v);
        problems++;
      }
    }
    System.exit(problems == 0 ? 0 : 1);
  }
}
