package com.qmsflow.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Controller;

/**
 * A controller whose methods render pages of the shell: each returns the name of a template under
 * {@code templates/} that uses {@code layout.html}. Such controllers get the model attribute {@code
 * shell} ({@link PageShell}) and the pages' security headers ({@link PageShellConfiguration}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface PageController {}
