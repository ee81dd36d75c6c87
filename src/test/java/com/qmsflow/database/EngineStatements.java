package com.qmsflow.database;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ibatis.cache.CacheKey;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Counts the engine's statements by their MyBatis id (without the namespace), reads and writes (a
 * MyBatis interceptor stays with the engine: the tests that count share a context of their own,
 * {@link EngineStatementsTestBase}).
 */
@Intercepts({
  @Signature(
      type = Executor.class,
      method = "update",
      args = {MappedStatement.class, Object.class}),
  @Signature(
      type = Executor.class,
      method = "query",
      args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}),
  @Signature(
      type = Executor.class,
      method = "query",
      args = {
        MappedStatement.class,
        Object.class,
        RowBounds.class,
        ResultHandler.class,
        CacheKey.class,
        BoundSql.class
      })
})
final class EngineStatements implements Interceptor {

  final Map<String, Integer> counts = new ConcurrentHashMap<>();

  /** The engine's counter: the one added before, or one added now. */
  static EngineStatements in(ProcessEngine engine) {
    org.apache.ibatis.session.Configuration mybatis =
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
            .getSqlSessionFactory()
            .getConfiguration();
    for (Interceptor interceptor : mybatis.getInterceptors()) {
      if (interceptor instanceof EngineStatements statements) {
        return statements;
      }
    }
    EngineStatements statements = new EngineStatements();
    mybatis.addInterceptor(statements);
    return statements;
  }

  @Override
  public Object intercept(Invocation invocation) throws Throwable {
    String id = ((MappedStatement) invocation.getArgs()[0]).getId();
    counts.merge(id.substring(id.lastIndexOf('.') + 1), 1, Integer::sum);
    return invocation.proceed();
  }

  int count(String statement) {
    return counts.getOrDefault(statement, 0);
  }

  void reset() {
    counts.clear();
  }
}
