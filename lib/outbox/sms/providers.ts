import Dysmsapi, { SendSmsRequest } from "@alicloud/dysmsapi20170525";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { sms as tencentSms } from "tencentcloud-sdk-nodejs-sms";

/*
 * SMS through the providers' official SDKs. Each call sends one registered template with its
 * parameters and returns the provider's id for the message (Aliyun BizId, Tencent SerialNo),
 * which delivery reports refer to. A refusal throws: the outbox retries with back-off.
 * Endpoints default to the real services; the env overrides (ALIYUN_SMS_ENDPOINT,
 * TENCENT_SMS_ENDPOINT, "http://host:port") point them at the local fakes in tests.
 */

export interface TemplateSend {
  to: string;
  signName: string;
  templateCode: string;
  params: [string, string][];
}

export interface TemplateSmsProvider {
  send(m: TemplateSend): Promise<{ providerRef: string }>;
}

/** "http://127.0.0.1:4100" → protocol and host; a bare host means https. */
export function splitEndpoint(endpoint: string): { protocol: "http" | "https"; host: string } {
  const m = /^(https?):\/\/(.+?)\/?$/.exec(endpoint);
  return m ? { protocol: m[1] as "http" | "https", host: m[2] } : { protocol: "https", host: endpoint };
}

export function aliyunSms(
  credentials: { accessKeyId: string; accessKeySecret: string },
  endpoint = process.env.ALIYUN_SMS_ENDPOINT || "dysmsapi.aliyuncs.com",
): TemplateSmsProvider {
  const { protocol, host } = splitEndpoint(endpoint);
  const client = new Dysmsapi(
    new $OpenApiUtil.Config({ ...credentials, endpoint: host, protocol, readTimeout: 10_000, connectTimeout: 5_000 }),
  );
  return {
    async send(m) {
      const res = await client.sendSms(
        new SendSmsRequest({
          phoneNumbers: m.to,
          signName: m.signName,
          templateCode: m.templateCode,
          templateParam: JSON.stringify(Object.fromEntries(m.params)),
        }),
      );
      const body = res.body;
      if (body?.code !== "OK" || !body.bizId)
        throw new Error(`aliyun sms: ${body?.code ?? "no answer"} ${body?.message ?? ""}`);
      return { providerRef: body.bizId };
    },
  };
}

export function tencentSmsProvider(
  credentials: { secretId: string; secretKey: string },
  appId: string,
  endpoint = process.env.TENCENT_SMS_ENDPOINT || "sms.tencentcloudapi.com",
): TemplateSmsProvider {
  const { protocol, host } = splitEndpoint(endpoint);
  const client = new tencentSms.v20210111.Client({
    credential: credentials,
    region: "ap-guangzhou",
    profile: { httpProfile: { endpoint: host, protocol: `${protocol}://`, reqTimeout: 10 } },
  });
  return {
    async send(m) {
      const res = await client.SendSms({
        PhoneNumberSet: [m.to.startsWith("+") ? m.to : `+86${m.to}`],
        SmsSdkAppId: appId,
        SignName: m.signName,
        TemplateId: m.templateCode,
        TemplateParamSet: m.params.map(([, v]) => v),
      });
      const status = res.SendStatusSet?.[0];
      if (status?.Code !== "Ok" || !status.SerialNo)
        throw new Error(`tencent sms: ${status?.Code ?? "no answer"} ${status?.Message ?? ""}`);
      return { providerRef: status.SerialNo };
    },
  };
}
