package pricing

import "testing"

func TestPriceAppliesTheDiscount(t *testing.T) {
	if got := Price(2400, 10); got != 2160 {
		t.Fatalf("Price(2400, 10) = %d, want 2160", got)
	}
}

func TestPriceRoundsDown(t *testing.T) {
	if got := Price(999, 15); got != 849 {
		t.Fatalf("Price(999, 15) = %d, want 849", got)
	}
}
