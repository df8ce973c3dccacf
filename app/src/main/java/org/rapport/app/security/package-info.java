/**
 * Sign-in (passwords, refused where a network uses single sign-on only; OpenID Connect discovered from its
 * issuer), limits on wrong passwords per account and address with the admins' log of failures, sessions (in
 * PostgreSQL, Spring Session JDBC: {@code spring_session*}) that end when their account changes, headers, the
 * signed-in {@code StaffUser}. What it owns and which packages it may use: docs/ARCHITECTURE.md.
 */
package org.rapport.app.security;
