-- Custom SQL migration file, put your migrate code below! --
-- Issue 16 point 5: older system orders get a message key + params where their stored text is
-- recognisable, so they read in the reader's language. Others keep showing the stored text.
-- Quarterly visit orders: title "回访 Visit 2026Q4", description "季度回访（2026-10 抽样）Quarterly visit …".
UPDATE work_orders
SET text_key = 'visits.order',
    text_params = json_object('quarter', substr(title, 10), 'month', substr(description, 6, 7))
WHERE text_key IS NULL AND type = 'visit' AND source = 'system'
  AND title LIKE '回访 Visit %' AND description LIKE '季度回访（____-__ 抽样）%';
--> statement-breakpoint
-- Gold-badge orders: "金章客户（预交 N 个月物业费），…有效期至 YYYY-MM-DD。"
UPDATE work_orders
SET text_key = 'crm.goldOrder',
    text_params = json_object(
      'months', CAST(substr(description, 9, instr(description, ' 个月') - 9) AS INTEGER),
      'expiresOn', substr(description, instr(description, '有效期至 ') + 5, 10))
WHERE text_key IS NULL AND type = 'visit' AND source = 'system'
  AND title LIKE '金章客户：上门赠送金章服务卡%' AND description LIKE '金章客户（预交 % 个月物业费）%有效期至 ____-__-__%';
