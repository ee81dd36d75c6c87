package com.qmsflow.customer;

/** A customer of the archive (002 §4.6.1). */
public record Customer(String code, String name, String address) {}
