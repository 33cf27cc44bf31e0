const express = require('express');

const app = express();
app.use(express.json());

app.get('/health', (_req, res) => res.json({ ok: true }));
app.get('/orders', (_req, res) => res.json([]));

app.listen(process.env.PORT || 3000, () => console.log('orders-api listening'));
