/** Short review-like texts (~32 tokens with the long flag off, ~128 with it on), all different. */
export function syntheticTexts(n: number, long: boolean): string[] {
  const parts = [
    'the order arrived on time and the packaging was intact',
    'quality is lower than the photos suggested but the price is fair',
    'o produto chegou rapido e bem embalado recomendo a loja',
    'customer service answered quickly and solved the problem with the invoice',
    'a entrega atrasou uma semana e ninguem respondeu minhas mensagens',
    'set of vintage glass jars with metal lids for the kitchen',
  ];
  return Array.from({ length: n }, (_, i) => {
    const k = long ? 7 : 2;
    const words = Array.from({ length: k }, (_, j) => parts[(i + j * 5) % parts.length]).join(', ');
    return `review ${i}: ${words}.`;
  });
}
