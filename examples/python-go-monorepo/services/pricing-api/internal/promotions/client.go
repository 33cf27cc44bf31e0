// Package promotions reads the active promotions from the marketing CMS.
package promotions

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Promotion is a discount on one SKU for a period of time.
type Promotion struct {
	SKU             string    `json:"sku"`
	DiscountPercent int       `json:"discountPercent"`
	Until           time.Time `json:"until"`
}

// Client fetches promotions over HTTP.
type Client struct {
	BaseURL string
	HTTP    *http.Client
}

// NewClient returns a client whose requests give up after three seconds.
func NewClient(baseURL string) *Client {
	return &Client{BaseURL: baseURL, HTTP: &http.Client{Timeout: 3 * time.Second}}
}

// Active returns the promotions running now.
func (c *Client) Active(ctx context.Context) ([]Promotion, error) {
	request, err := http.NewRequestWithContext(ctx, http.MethodGet, c.BaseURL+"/promotions?active=true", nil)
	if err != nil {
		return nil, err
	}
	response, err := c.HTTP.Do(request)
	if err != nil {
		return nil, err
	}
	defer response.Body.Close()
	if response.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("promotions: %s", response.Status)
	}
	var promotions []Promotion
	return promotions, json.NewDecoder(response.Body).Decode(&promotions)
}
