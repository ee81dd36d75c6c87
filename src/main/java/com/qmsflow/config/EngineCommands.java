package com.qmsflow.config;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/** What the project's engine plugins need to look at the engine's commands before they run. */
public final class EngineCommands {

  private EngineCommands() {}

  /**
   * The engine's custom interceptors before every command of the "transaction required" chain,
   * created if no plugin has added one yet; add to it in a plugin's {@code preInit}.
   */
  public static List<CommandInterceptor> preInterceptors(
      ProcessEngineConfigurationImpl configuration) {
    return orCreated(
        configuration.getCustomPreCommandInterceptorsTxRequired(),
        configuration::setCustomPreCommandInterceptorsTxRequired);
  }

  /**
   * The engine's custom interceptors after the command context is opened (inside the command's
   * transaction) of the "transaction required" chain, created if missing; add in {@code preInit}.
   */
  public static List<CommandInterceptor> postInterceptors(
      ProcessEngineConfigurationImpl configuration) {
    return orCreated(
        configuration.getCustomPostCommandInterceptorsTxRequired(),
        configuration::setCustomPostCommandInterceptorsTxRequired);
  }

  /** The same for the "requires new transaction" chain. */
  public static List<CommandInterceptor> preInterceptorsRequiresNew(
      ProcessEngineConfigurationImpl configuration) {
    return orCreated(
        configuration.getCustomPreCommandInterceptorsTxRequiresNew(),
        configuration::setCustomPreCommandInterceptorsTxRequiresNew);
  }

  /**
   * The engine's custom BPMN parse listeners that run before its own, created if missing; add in
   * {@code preInit} (the engine hands them to its parser during its initialisation).
   */
  public static List<BpmnParseListener> preParseListeners(
      ProcessEngineConfigurationImpl configuration) {
    return orCreated(
        configuration.getCustomPreBPMNParseListeners(),
        configuration::setCustomPreBPMNParseListeners);
  }

  /** The engine's custom BPMN parse listeners that run after its own, created if missing. */
  public static List<BpmnParseListener> postParseListeners(
      ProcessEngineConfigurationImpl configuration) {
    return orCreated(
        configuration.getCustomPostBPMNParseListeners(),
        configuration::setCustomPostBPMNParseListeners);
  }

  /**
   * The engine's custom incident handlers (each replaces the engine's of its type), created if
   * missing.
   */
  public static List<IncidentHandler> incidentHandlers(
      ProcessEngineConfigurationImpl configuration) {
    return orCreated(
        configuration.getCustomIncidentHandlers(), configuration::setCustomIncidentHandlers);
  }

  /** The configuration's list, or a new one set in its place when it has none yet. */
  private static <T> List<T> orCreated(List<T> list, Consumer<List<T>> set) {
    if (list == null) {
      list = new ArrayList<>();
      set.accept(list);
    }
    return list;
  }

  /**
   * A private field of an engine command (e.g. the filter a {@code SaveFilterCmd} saves), made
   * readable; fails the class's initialization when the engine no longer has it.
   */
  public static Field field(Class<? extends Command<?>> command, String name) {
    try {
      Field field = command.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
