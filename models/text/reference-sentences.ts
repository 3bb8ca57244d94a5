/**
 * The fixed sentences whose embeddings the export computes with sentence-transformers (the original
 * implementation) and stores in reference.json, so the ONNX + transformers.js path can be checked
 * against it. English and Portuguese, with paraphrase pairs and unrelated sentences.
 */
export const REFERENCE_SENTENCES = [
  // English paraphrase pairs
  'A man is eating a piece of bread.',
  'Someone is having some bread to eat.',
  'The delivery arrived two days late and the box was damaged.',
  'My package came late and its box was broken.',
  // English unrelated
  'The stock market fell sharply this morning.',
  'A cat is sleeping on the sofa.',
  // Portuguese paraphrase pairs (Olist reviews are Portuguese)
  'O produto chegou antes do prazo e é de ótima qualidade.',
  'Recebi o produto rápido e a qualidade é excelente.',
  'A entrega atrasou e a caixa veio danificada.',
  'Meu pedido chegou atrasado e com a embalagem rasgada.',
  // Portuguese unrelated
  'O time de futebol venceu o campeonato ontem.',
  'Vou cozinhar arroz e feijão para o jantar.',
  // product titles (Online Retail style)
  'WHITE HANGING HEART T-LIGHT HOLDER',
  'SET OF 3 CAKE TINS PANTRY DESIGN',
] as const;

/** Index pairs of paraphrases and the unrelated sentences of the same language. */
export const PARAPHRASE_CHECKS = [
  { lang: 'en', pairs: [[0, 1], [2, 3]], unrelated: [4, 5] },
  { lang: 'pt', pairs: [[6, 7], [8, 9]], unrelated: [10, 11] },
] as const;
