package com.qmsflow.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.FlushResult;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbBulkOperation;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbEntityOperation;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperation;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperationType;
import org.camunda.bpm.engine.impl.db.sql.BatchDbSqlSession;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSession;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The runtime variables the engine deletes in one flush go in one statement (issue 21, SQL per
 * complaint). When a task completes or an instance ends, the engine deletes each of its variables
 * by id and revision, one statement per variable: about 190 per complaint, the most frequent
 * statement of the lifecycle. In a flush the engine orders its deletes by entity type, so the
 * variables' deletes follow one another; this session puts each such run into one {@code delete ...
 * where (ID_ = ? and REV_ = ?) or ...} (at most {@link #MAX_ROWS} rows) and tells the engine about
 * each variable as if it had been deleted alone. The same for timer and message jobs (a completed
 * task's escalation timers), whose deletes are as the variables' by id and revision.
 *
 * <p>Optimistic locking stays: the statement deletes only the revisions the engine read. If it
 * deletes fewer rows than it names, another transaction changed or deleted one of them; which one
 * is not known, so every delete of the run is reported as a concurrent modification and the engine
 * fails the command with its {@code OptimisticLockingException} (rolled back, a job retried), as it
 * would have for the one row. A failing statement fails every delete of the run with its cause.
 * Only with the engine's JDBC batching (the default); {@code qms.database.merged-deletes=false}
 * leaves the engine's statements as they are.
 */
@Component
@ConditionalOnProperty(
    name = "qms.database.merged-deletes",
    havingValue = "true",
    matchIfMissing = true)
public class MergedDeletes extends AbstractProcessEnginePlugin {

  static final String MAPPER = "com/qmsflow/database/merged-deletes.xml";
  static final String DELETE_VARIABLES =
      "com.qmsflow.database.MergedDeletes.deleteVariableInstancesByIdAndRevision";
  static final String DELETE_JOBS = "com.qmsflow.database.MergedDeletes.deleteJobsByIdAndRevision";

  /**
   * The entities whose deletes are merged, by their exact class (the engine's runs are per class),
   * and the statement that deletes a run of them.
   */
  static final Map<Class<?>, String> STATEMENTS =
      Map.of(
          VariableInstanceEntity.class, DELETE_VARIABLES,
          TimerEntity.class, DELETE_JOBS,
          MessageEntity.class, DELETE_JOBS);

  /** Rows per statement: two parameters each, well below every database's parameter limit. */
  static final int MAX_ROWS = 500;

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (!configuration.isJdbcBatchProcessing()) {
      return;
    }
    Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
    if (!mybatis.hasStatement(DELETE_VARIABLES)) {
      try (InputStream mapper = MergedDeletes.class.getClassLoader().getResourceAsStream(MAPPER)) {
        new XMLMapperBuilder(mapper, mybatis, MAPPER, mybatis.getSqlFragments()).parse();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Factory factory = new Factory(configuration.getDbSqlSessionFactory());
    configuration.setDbSqlSessionFactory(factory);
    configuration.getSessionFactories().put(DbSqlSession.class, factory);
  }

  /** The engine's session factory, configured as the engine configured its own. */
  static final class Factory extends DbSqlSessionFactory {

    Factory(DbSqlSessionFactory engine) {
      super(true);
      setDatabaseType(engine.getDatabaseType());
      setIdGenerator(engine.getIdGenerator());
      setSqlSessionFactory(engine.getSqlSessionFactory());
      setDbIdentityUsed(engine.isDbIdentityUsed());
      setDbHistoryUsed(engine.isDbHistoryUsed());
      setCmmnEnabled(engine.isCmmnEnabled());
      setDmnEnabled(engine.isDmnEnabled());
      setDatabaseTablePrefix(engine.getDatabaseTablePrefix());
      setDatabaseSchema(engine.getDatabaseSchema());
      setStatementMappings(engine.getStatementMappings());
    }

    @Override
    public Session openSession() {
      return new MergingSession(this);
    }

    @Override
    public DbSqlSession openSession(Connection connection, String catalog, String schema) {
      return new MergingSession(this, connection, catalog, schema);
    }
  }

  /** The engine's batching session, with runs of variable deletes merged. */
  static final class MergingSession extends BatchDbSqlSession {

    MergingSession(DbSqlSessionFactory factory) {
      super(factory);
    }

    MergingSession(
        DbSqlSessionFactory factory, Connection connection, String catalog, String schema) {
      super(factory, connection, catalog, schema);
    }

    @Override
    public FlushResult executeDbOperations(List<DbOperation> operations) {
      List<DbOperation> staged = merged(operations);
      if (staged == operations) {
        return super.executeDbOperations(operations);
      }
      FlushResult result = super.executeDbOperations(staged);
      // what the engine learns is about its own operations, never the merged ones, in their order
      Set<DbOperation> failedStaged = Collections.newSetFromMap(new IdentityHashMap<>());
      failedStaged.addAll(result.getFailedOperations());
      List<DbOperation> failed = new ArrayList<>();
      for (DbOperation operation : staged) {
        if (operation instanceof MergedDelete merged) {
          if (merged.getState() != null) {
            merged.report(this);
            merged.deletes.stream().filter(DbOperation::isFailed).forEach(failed::add);
          }
        } else if (failedStaged.contains(operation)) {
          failed.add(operation);
        }
      }
      List<DbOperation> remaining = new ArrayList<>();
      for (DbOperation operation : result.getRemainingOperations()) {
        if (operation instanceof MergedDelete merged) {
          remaining.addAll(merged.deletes);
        } else {
          remaining.add(operation);
        }
      }
      return FlushResult.withFailuresAndRemaining(failed, remaining);
    }

    /**
     * The operations with each run of two or more deletes of one merged class as one; the same list
     * if none.
     */
    static List<DbOperation> merged(List<DbOperation> operations) {
      List<DbOperation> staged = null;
      int i = 0;
      while (i < operations.size()) {
        int end = i;
        while (end < operations.size()
            && end - i < MAX_ROWS
            && statement(operations.get(end)) != null
            && sameClass(operations.get(i), operations.get(end))) {
          end++;
        }
        if (end - i >= 2) {
          if (staged == null) {
            staged = new ArrayList<>(operations.subList(0, i));
          }
          List<DbEntityOperation> deletes = new ArrayList<>();
          for (DbOperation operation : operations.subList(i, end)) {
            deletes.add((DbEntityOperation) operation);
          }
          staged.add(new MergedDelete(deletes));
          i = end;
        } else {
          if (staged != null) {
            staged.add(operations.get(i));
          }
          i++;
        }
      }
      return staged == null ? operations : staged;
    }

    /** The statement that merges deletes like this one; null if it is not merged. */
    static String statement(DbOperation operation) {
      return operation.getOperationType() == DbOperationType.DELETE
              && operation instanceof DbEntityOperation entity
              && entity.getEntity() != null
          ? STATEMENTS.get(entity.getEntity().getClass())
          : null;
    }

    private static boolean sameClass(DbOperation first, DbOperation next) {
      return ((DbEntityOperation) first).getEntity().getClass()
          == ((DbEntityOperation) next).getEntity().getClass();
    }

    void reportDeleted(DbEntityOperation delete, int rows, PersistenceException failure) {
      entityDeletePerformed(delete, rows, failure);
    }
  }

  /** One statement for a run of deletes; reports back to each of them. */
  static final class MergedDelete extends DbBulkOperation {

    final List<DbEntityOperation> deletes;

    MergedDelete(List<DbEntityOperation> deletes) {
      super(
          DbOperationType.DELETE_BULK,
          deletes.get(0).getEntityType(),
          MergingSession.statement(deletes.get(0)),
          deletes.stream().map(DbEntityOperation::getEntity).toList());
      this.deletes = deletes;
    }

    /**
     * Each entity deleted (one row each) when the statement deleted them all; otherwise each a
     * concurrent modification, or failed with the statement's cause.
     */
    void report(MergingSession session) {
      PersistenceException failure =
          getFailure() instanceof PersistenceException e
              ? e
              : getFailure() == null ? null : new PersistenceException(getFailure());
      boolean all = failure == null && getRowsAffected() == deletes.size();
      for (DbEntityOperation delete : deletes) {
        session.reportDeleted(delete, all ? 1 : 0, failure);
      }
    }
  }
}
