/**
 * Settings ({@code RapportProperties}), the database, OpenAPI, server secrets, the seal under the code key. What
 * it owns and which packages it may use: docs/ARCHITECTURE.md.
 */
package org.rapport.app.config;
