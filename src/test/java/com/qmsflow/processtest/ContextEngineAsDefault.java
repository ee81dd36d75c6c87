package com.qmsflow.processtest;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Before each test method of a Spring test, registers the engine of the test's application context
 * as the JVM's default engine (registered in {@code META-INF/spring.factories} of the tests, so
 * every Spring test class has it).
 *
 * <p>The REST API and the webapps find their engine through {@link ProcessEngines} (the starter's
 * engine provider), a static registry shared by every application context of the test JVM. Spring
 * caches up to 32 contexts; a context started later registers its own engine under the same name,
 * and a context evicted from the cache unregisters the name altogether when its engine closes. A
 * test class reusing a cached context would then be answered by another context's engine ("no
 * process engine available", or tasks of another database). In production there is one context and
 * one engine, so nothing of this applies there.
 */
public class ContextEngineAsDefault extends AbstractTestExecutionListener {

  @Override
  public int getOrder() {
    // after dependency injection (2000), which loads the context
    return 2100;
  }

  @Override
  public void prepareTestInstance(TestContext testContext) {
    register(testContext);
  }

  @Override
  public void beforeTestClass(TestContext testContext) {
    register(testContext);
  }

  @Override
  public void beforeTestMethod(TestContext testContext) {
    register(testContext);
  }

  private static void register(TestContext testContext) {
    if (!testContext.hasApplicationContext()) {
      return;
    }
    ApplicationContext context = testContext.getApplicationContext();
    ProcessEngine engine = context.getBeanProvider(ProcessEngine.class).getIfAvailable();
    if (engine != null) {
      ProcessEngines.registerProcessEngine(engine);
    }
  }
}
