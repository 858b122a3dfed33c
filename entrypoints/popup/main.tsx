import { render } from "preact"; render(<p>PolicyLens</p>, document.getElementById("app")!);
