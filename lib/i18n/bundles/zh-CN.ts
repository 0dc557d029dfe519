/** Every message of zh-CN: the shared namespaces and one namespace per module (see ../messages.ts). */
import core from "@/messages/zh-CN.json";
import registry from "@/messages/registry/zh-CN.json";
import residents from "@/messages/residents/zh-CN.json";
import importNs from "@/messages/import/zh-CN.json";
import billing from "@/messages/billing/zh-CN.json";
import tickets from "@/messages/tickets/zh-CN.json";
import hr from "@/messages/hr/zh-CN.json";
import crm from "@/messages/crm/zh-CN.json";
import arrears from "@/messages/arrears/zh-CN.json";
import visits from "@/messages/visits/zh-CN.json";
import approvals from "@/messages/approvals/zh-CN.json";
import finance from "@/messages/finance/zh-CN.json";
import portal from "@/messages/portal/zh-CN.json";
import privacy from "@/messages/privacy/zh-CN.json";
import workbench from "@/messages/workbench/zh-CN.json";
import messaging from "@/messages/messaging/zh-CN.json";
import field from "@/messages/field/zh-CN.json";
import visitors from "@/messages/visitors/zh-CN.json";

const messages = {
  ...core,
  registry,
  residents,
  import: importNs,
  billing,
  tickets,
  hr,
  crm,
  arrears,
  visits,
  approvals,
  finance,
  portal,
  privacy,
  workbench,
  messaging,
  field,
  visitors,
};
export default messages;
