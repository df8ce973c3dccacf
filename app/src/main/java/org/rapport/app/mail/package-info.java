/**
 * Plain-text mail through the school's SMTP server (none: callers show links instead). What it owns and which
 * packages it may use: docs/ARCHITECTURE.md.
 */
package org.rapport.app.mail;
