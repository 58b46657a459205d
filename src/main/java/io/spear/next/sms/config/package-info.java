/**
 * The service's configuration as MicroProfile Config mappings ({@code kv.*}, {@code sms.*}), and
 * what the native image needs registered.
 */
package io.spear.next.sms.config;
