package main

import (
	"net/http"
	"os"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/rs/zerolog"

	"github.com/acme/shop/services/pricing-api/internal/pricing"
)

func main() {
	log := zerolog.New(os.Stdout).With().Timestamp().Logger()
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	router := chi.NewRouter()
	router.Get("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	router.With(pricing.RequireToken(os.Getenv("JWT_PUBLIC_KEY"))).Get("/v1/prices/{sku}", pricing.Handler(pricing.DefaultCatalog()))
	server := &http.Server{Addr: ":" + port, Handler: router, ReadHeaderTimeout: 5 * time.Second}
	log.Info().Str("addr", server.Addr).Msg("pricing-api listening")
	if err := server.ListenAndServe(); err != nil {
		log.Fatal().Err(err).Msg("server stopped")
	}
}
