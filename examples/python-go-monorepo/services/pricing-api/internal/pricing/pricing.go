// Package pricing computes the price of a product from its base price and the active promotions.
package pricing

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/golang-jwt/jwt/v5"
)

// Catalog maps a SKU to its base price in cents and its discount in percent.
type Catalog map[string]struct{ BaseCents, DiscountPercent int }

// DefaultCatalog is the in-memory price list of the MVP.
func DefaultCatalog() Catalog {
	return Catalog{"tea-1kg": {BaseCents: 2400, DiscountPercent: 10}}
}

// Price applies the discount, rounding down to whole cents.
func Price(baseCents, discountPercent int) int {
	return baseCents * (100 - discountPercent) / 100
}

// Handler answers GET /v1/prices/{sku}.
func Handler(catalog Catalog) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		entry, ok := catalog[chi.URLParam(r, "sku")]
		if !ok {
			http.Error(w, "unknown sku", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]int{"priceCents": Price(entry.BaseCents, entry.DiscountPercent)})
	}
}

// RequireToken rejects requests without a valid RS256 bearer token.
func RequireToken(publicKeyPEM string) func(http.Handler) http.Handler {
	key, keyErr := jwt.ParseRSAPublicKeyFromPEM([]byte(publicKeyPEM))
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			raw := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
			_, err := jwt.Parse(raw, func(*jwt.Token) (any, error) { return key, keyErr }, jwt.WithValidMethods([]string{"RS256"}))
			if err != nil {
				http.Error(w, "unauthorized", http.StatusUnauthorized)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}
