package com.qmsflow.forms;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Thread-safe cache of parsed forms keyed by a caller-chosen string, typically the Camunda form
 * definition id (which changes with every deployed version, so entries never go stale). Loading
 * runs outside any lock: two threads that miss at the same time may both parse, and the first
 * result stored wins.
 */
@Component
public class FormSchemaCache {

  private final ConcurrentMap<String, FormSchema> schemas = new ConcurrentHashMap<>();

  /**
   * The cached schema for {@code key}, or the schema parsed from the JSON {@code jsonLoader}
   * supplies, which is then cached. The loader is only called on a miss; when it or the parse fails
   * nothing is cached.
   */
  public FormSchema get(String key, Supplier<String> jsonLoader) {
    Objects.requireNonNull(key, "key");
    FormSchema cached = schemas.get(key);
    if (cached != null) {
      return cached;
    }
    FormSchema parsed =
        FormSchema.parse(Objects.requireNonNull(jsonLoader.get(), "form JSON for " + key));
    FormSchema previous = schemas.putIfAbsent(key, parsed);
    return previous != null ? previous : parsed;
  }

  /** Like {@link #get(String, Supplier)} with the JSON at hand. */
  public FormSchema get(String key, String json) {
    return get(key, () -> json);
  }

  public Optional<FormSchema> getIfPresent(String key) {
    return Optional.ofNullable(schemas.get(key));
  }

  public void put(String key, FormSchema schema) {
    schemas.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(schema, "schema"));
  }

  public void invalidate(String key) {
    schemas.remove(key);
  }

  public void clear() {
    schemas.clear();
  }

  public int size() {
    return schemas.size();
  }
}
