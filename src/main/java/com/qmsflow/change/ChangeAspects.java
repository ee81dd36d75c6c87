package com.qmsflow.change;

import static com.qmsflow.change.ChangeVariables.*;

import com.qmsflow.identity.Groups;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The 5M1E aspects a change touches (man, machine, material, method, measurement, environment) and
 * the departments that implement a change notice touching them. No engine types: the caller passes
 * a lookup of the checkbox variables.
 */
public final class ChangeAspects {

  /** Aspect name (as stored in the register) by checkbox variable, in 5M1E order. */
  public static final Map<String, String> NAMES;

  /** Who implements what the notice says about an aspect. */
  public static final Map<String, String> IMPLEMENTED_BY;

  static {
    Map<String, String> names = new LinkedHashMap<>();
    names.put(TOUCHES_MAN.name(), "man");
    names.put(TOUCHES_MACHINE.name(), "machine");
    names.put(TOUCHES_MATERIAL.name(), "material");
    names.put(TOUCHES_METHOD.name(), "method");
    names.put(TOUCHES_MEASUREMENT.name(), "measurement");
    names.put(TOUCHES_ENVIRONMENT.name(), "environment");
    NAMES = java.util.Collections.unmodifiableMap(names);
    IMPLEMENTED_BY =
        Map.of(
            "man", Groups.PRODUCTION, // staffing, training, qualification on the line
            "machine", Groups.PRODUCTION, // equipment, tooling settings
            "material", Groups.MATERIAL_CONTROL, // purchase, stock of old material, supplier change
            "method", Groups.ENGINEERING, // drawings, work instructions, process parameters
            "measurement", Groups.QUALITY, // inspection standards, gauges, sampling
            "environment", Groups.PRODUCTION); // workshop conditions
  }

  private ChangeAspects() {}

  /** The aspects whose checkbox is ticked, in 5M1E order. */
  public static List<String> touched(Function<String, Object> variables) {
    List<String> aspects = new ArrayList<>();
    NAMES.forEach(
        (flag, name) -> {
          Object value = variables.apply(flag);
          if (Boolean.TRUE.equals(value) || "true".equals(value)) {
            aspects.add(name);
          }
        });
    return aspects;
  }

  /** The departments implementing a notice on these aspects; engineering when none is named. */
  public static List<String> implementingDepartments(List<String> aspects) {
    Set<String> departments = new LinkedHashSet<>();
    aspects.forEach(a -> departments.add(IMPLEMENTED_BY.get(a)));
    departments.remove(null);
    if (departments.isEmpty()) {
      departments.add(Groups.ENGINEERING);
    }
    return new ArrayList<>(departments);
  }
}
