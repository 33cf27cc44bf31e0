import { z } from 'zod';

export const CheckoutRequest = z.object({
  cartId: z.string().uuid(),
  paymentMethodId: z.string().min(1),
});
export type CheckoutRequest = z.infer<typeof CheckoutRequest>;

export interface Order {
  id: string;
  cartId: string;
  totalCents: number;
  status: 'pending' | 'paid' | 'fulfilled';
}

/** Total of a cart in cents; prices are integers, so no rounding happens here. */
export function cartTotal(lines: ReadonlyArray<{ unitCents: number; quantity: number }>): number {
  return lines.reduce((sum, line) => sum + line.unitCents * line.quantity, 0);
}
