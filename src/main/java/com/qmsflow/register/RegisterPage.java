package com.qmsflow.register;

import java.util.List;

/**
 * One page of a register: the rows, where the page starts, how many rows match the filters and in
 * which order ({@code sort}: a column, {@code -} first for descending).
 */
public record RegisterPage<T>(List<T> items, int page, int size, long total, String sort) {}
