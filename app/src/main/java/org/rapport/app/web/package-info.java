/**
 * Problem details, error pages, body-size limit, {@code @ApiController}; knows no feature. What it owns and which
 * packages it may use: docs/ARCHITECTURE.md.
 */
package org.rapport.app.web;
